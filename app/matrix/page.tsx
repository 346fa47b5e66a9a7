import type { Metadata } from "next";
import Link from "next/link";
import { STATUS_NAMES } from "@/lib/functions/status";
import { firstValues, listHref } from "@/lib/server/http/search-params";
import { FilterForm, SelectField } from "@/components/filter-form";
import { Pagination } from "@/components/pagination";
import { loadMatrix } from "@/lib/projects/matrix";
import { matrixRowsHtml } from "@/lib/projects/matrix-html";
import { matrixQuerySchema, type MatrixQuery } from "@/lib/projects/matrix-schema";

export const metadata: Metadata = { title: "Matrix" };

const href = (query: MatrixQuery, page: number) => listHref("/matrix", { ...query, page }, { sort: "needed" });

export default async function MatrixPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const query = matrixQuerySchema.parse(firstValues(raw));
  const { projects, rows, total, pageCount } = await loadMatrix(query);
  const legend = (
    <>
      <strong>R</strong> required, <strong>C</strong> convenient, <strong>W</strong> can work around
    </>
  );
  return (
    <>
      <h1>Functions × projects</h1>
      <p className="muted">
        Which project needs which function, and how badly: {legend}. Each row also shows the glibc manual&apos;s
        AS-safety, the POSIX list, the agreement status and which hazards the function reaches by the normal route in
        the analysed libc (<Link href="/reachability">what the child runs</Link>).
      </p>
      <FilterForm action="/matrix" label="Filter the matrix">
        <div>
          <label htmlFor="m-q">Name</label>
          <input id="m-q" name="q" type="search" defaultValue={query.q ?? ""} />
        </div>
        <SelectField label="Status" name="status" value={query.status} anyLabel="any" options={STATUS_NAMES} />
        <SelectField
          label="Rows by"
          name="sort"
          value={query.sort}
          options={[
            { value: "needed", label: "number of projects that need them" },
            { value: "name", label: "name" },
          ]}
        />
        <div>
          <label>
            <input type="checkbox" name="all" value="1" defaultChecked={Boolean(query.all)} /> every catalog function
          </label>
        </div>
      </FilterForm>
      <p role="status" data-testid="matrix-count">
        {total} functions × {projects.length} projects{pageCount > 1 ? ` — page ${query.page} of ${pageCount}` : ""}
      </p>
      <div className="matrix-wrap">
        <table className="matrix" data-testid="matrix">
          <caption className="sr-only">Functions (rows) needed by projects (columns)</caption>
          <thead>
            <tr>
              <th scope="col" className="fn">
                Function
              </th>
              <th scope="col">Projects</th>
              <th scope="col">Status</th>
              <th scope="col">glibc AS</th>
              <th scope="col">POSIX</th>
              <th scope="col" title="Lock, malloc or set*id broadcast reached by the normal route in the analysed libc">
                Child runs
              </th>
              {projects.map((p) => (
                <th key={p.id} scope="col" className="proj">
                  <Link href={`/projects/${p.slug}`}>{p.name}</Link>
                </th>
              ))}
            </tr>
          </thead>
          {/* Escaped HTML built in lib/projects/matrix-html.ts: thousands of static cells. */}
          <tbody dangerouslySetInnerHTML={{ __html: matrixRowsHtml(rows, projects) }} />
        </table>
      </div>
      {pageCount > 1 ? (
        <Pagination
          previous={query.page > 1 ? href(query, query.page - 1) : null}
          next={query.page < pageCount ? href(query, query.page + 1) : null}
        />
      ) : null}
    </>
  );
}
