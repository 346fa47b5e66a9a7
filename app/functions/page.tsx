import type { Metadata } from "next";
import Link from "next/link";
import { CatalogFilters } from "@/components/catalog-filters";
import { EstimateBadge, GlibcAsBadge, PriorityBadge, StatusBadge } from "@/components/badges";
import { catalogFacets, listFunctions } from "@/lib/functions/catalog";
import { parseCatalogQuery, type CatalogQuery } from "@/lib/functions/schema";
import { listProjects } from "@/lib/projects/data";

export const metadata: Metadata = { title: "Functions" };

function pageHref(query: CatalogQuery, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, page })) {
    if (
      value !== undefined &&
      value !== "" &&
      !(key === "sort" && value === "name") &&
      !(key === "page" && value === 1)
    )
      params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `/functions?${search}` : "/functions";
}

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
      <table className="data" aria-label="Functions">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Estimate</th>
            <th scope="col">glibc manual</th>
            <th scope="col">POSIX</th>
            <th scope="col">Needed by</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
      {pageCount > 1 && (
        <nav className="pagination" aria-label="Pages">
          {query.page > 1 ? (
            <Link href={pageHref(query, query.page - 1)} rel="prev">
              ← Previous
            </Link>
          ) : null}
          <span>
            Page {query.page} of {pageCount}
          </span>
          {query.page < pageCount ? (
            <Link href={pageHref(query, query.page + 1)} rel="next">
              Next →
            </Link>
          ) : null}
        </nav>
      )}
    </>
  );
}
