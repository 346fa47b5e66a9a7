import type { Metadata } from "next";
import Link from "next/link";
import { STATUS_NAMES } from "@/lib/functions/status";
import { firstValues } from "@/lib/server/http/search-params";
import { loadMatrix } from "@/lib/projects/matrix";
import { matrixRowsHtml } from "@/lib/projects/matrix-html";
import { matrixQuerySchema, type MatrixQuery } from "@/lib/projects/matrix-schema";

export const metadata: Metadata = { title: "Matrix" };

function href(query: MatrixQuery, patch: Partial<MatrixQuery>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...patch })) {
    if (v !== undefined && !(k === "page" && v === 1) && !(k === "sort" && v === "needed")) params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `/matrix?${s}` : "/matrix";
}

export default async function MatrixPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = await searchParams;
  const query = matrixQuerySchema.parse(firstValues(raw));
  const { projects, rows, total, pageCount } = await loadMatrix(query);
  return (
    <>
      <h1>Functions × projects</h1>
      <p className="muted">
        Which project needs which function, and how badly: <strong>R</strong> required, <strong>C</strong> convenient,{" "}
        <strong>W</strong> can work around. Each row also shows the glibc manual&apos;s AS-safety, the POSIX list and
        the agreement status.
      </p>
      <form className="filters" method="get" action="/matrix" aria-label="Filter the matrix">
        <div>
          <label htmlFor="m-q">Name</label>
          <input id="m-q" name="q" type="search" defaultValue={query.q ?? ""} />
        </div>
        <div>
          <label htmlFor="m-status">Status</label>
          <select id="m-status" name="status" defaultValue={query.status ?? ""}>
            <option value="">any</option>
            {STATUS_NAMES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="m-sort">Rows by</label>
          <select id="m-sort" name="sort" defaultValue={query.sort}>
            <option value="needed">number of projects that need them</option>
            <option value="name">name</option>
          </select>
        </div>
        <div>
          <label>
            <input type="checkbox" name="all" value="1" defaultChecked={Boolean(query.all)} /> every catalog function
          </label>
        </div>
        <div>
          <button type="submit" className="button">
            Apply
          </button>
        </div>
      </form>
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
        <nav className="pagination" aria-label="Pages">
          {query.page > 1 ? <Link href={href(query, { page: query.page - 1 })}>← Previous</Link> : null}
          {query.page < pageCount ? <Link href={href(query, { page: query.page + 1 })}>Next →</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
