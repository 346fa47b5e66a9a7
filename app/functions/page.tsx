import type { Metadata } from "next";
import Link from "next/link";
import { CatalogFilters } from "@/components/catalog-filters";
import { DataTable } from "@/components/data-table";
import { Pagination } from "@/components/pagination";
import { EstimateBadge, GlibcAsBadge, PriorityBadge, StatusBadge } from "@/components/badges";
import { catalogFacets, listFunctions } from "@/lib/functions/catalog";
import { parseCatalogQuery, type CatalogQuery } from "@/lib/functions/schema";
import { listProjects } from "@/lib/projects/data";
import { listHref } from "@/lib/server/http/search-params";

export const metadata: Metadata = { title: "Functions" };

const pageHref = (query: CatalogQuery, page: number) => listHref("/functions", { ...query, page }, { sort: "name" });

export default async function FunctionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = parseCatalogQuery(await searchParams);
  const [{ total, rows, pageCount }, projects, facets] = await Promise.all([
    listFunctions(query),
    listProjects(),
    catalogFacets(query),
  ]);
  return (
    <>
      <h1>Functions</h1>
      <p className="muted">
        Every function the glibc manual annotates or POSIX lists as async-signal-safe, plus those projects asked for.
      </p>
      <CatalogFilters query={query} projects={projects} facets={facets} />
      <p role="status" data-testid="catalog-count">
        {total.toLocaleString("en")} {total === 1 ? "function" : "functions"}
        {pageCount > 1 ? ` — page ${query.page} of ${pageCount}` : ""}
      </p>
      <DataTable
        label="Functions"
        testId="catalog"
        columns={["Name", "Status", "Estimate", "glibc manual", "POSIX", "Needed by"]}
        empty="No function matches these filters."
      >
        {rows.map((fn) => (
          <tr key={fn.name}>
            <td>
              <Link href={`/functions/${encodeURIComponent(fn.name)}`} className="mono">
                {fn.name}
              </Link>
            </td>
            <td>
              <StatusBadge status={fn.status} pending={fn.changesPending} />
            </td>
            <td>
              {fn.estimateKind ? <span className="small">{fn.estimateKind}</span> : null}{" "}
              <EstimateBadge value={fn.estimateAsSafety} />
            </td>
            <td>
              <GlibcAsBadge value={fn.glibcAnnotation?.as} />
            </td>
            <td>{fn.posixEntry ? fn.posixEntry.status : <span className="muted">not listed</span>}</td>
            <td>
              {fn.needs.map((n) => (
                <span key={n.project.slug} className="small">
                  <Link href={`/projects/${n.project.slug}`}>{n.project.name}</Link>{" "}
                  <PriorityBadge priority={n.priority} />{" "}
                </span>
              ))}
            </td>
          </tr>
        ))}
      </DataTable>
      {pageCount > 1 && (
        <Pagination
          previous={query.page > 1 ? pageHref(query, query.page - 1) : null}
          next={query.page < pageCount ? pageHref(query, query.page + 1) : null}
        >
          <span>
            Page {query.page} of {pageCount}
          </span>
        </Pagination>
      )}
    </>
  );
}
