import type { Metadata } from "next";
import Link from "next/link";
import { itemPath, itemTitle, recentChangeAuthors, recentChanges, type RecentItem } from "@/lib/recent/data";
import { parseRecentQuery, RECENT_KINDS, type RecentQuery } from "@/lib/recent/schema";
import { listProjects } from "@/lib/projects/data";

export const metadata: Metadata = { title: "Recent changes" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function href(query: RecentQuery, page: number, base = "/recent"): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, page }))
    if (v !== undefined && !(k === "page" && v === 1)) params.set(k, String(v));
  const s = params.toString();
  return s ? `${base}?${s}` : base;
}

function What({ item }: { item: RecentItem }) {
  const base = itemPath(item);
  switch (item.kind) {
    case "edit":
      return (
        <>
          <Link href={`${base}/revisions/${item.revisionNumber}`}>revision {item.revisionNumber}</Link>
          {item.revisionNumber && item.revisionNumber > 1 ? (
            <>
              {" "}
              (<Link href={`${base}/diff?from=${item.revisionNumber - 1}&to=${item.revisionNumber}`}>diff</Link>)
            </>
          ) : null}
          {item.detail ? (
            <>
              {" "}
              — <em>{item.detail}</em>
            </>
          ) : null}
        </>
      );
    case "comment":
      return (
        <>
          <Link href={`${base}#c${item.id}`}>commented</Link>:{" "}
          <span className="small">{(item.body ?? "").slice(0, 140)}</span>
        </>
      );
    case "vote":
      return (
        <>
          voted{" "}
          <strong>
            {Number(item.detail) > 0 ? "+" : ""}
            {item.detail}
          </strong>{" "}
          on revision {item.revisionNumber}
          {item.body ? (
            <>
              : <span className="small">{item.body.slice(0, 140)}</span>
            </>
          ) : null}
        </>
      );
    case "decision":
      return (
        <>
          recorded <strong>{item.detail}</strong> at revision {item.revisionNumber}
          {item.body ? (
            <>
              : <span className="small">{item.body}</span>
            </>
          ) : null}
        </>
      );
  }
}

export default async function RecentPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = parseRecentQuery(await searchParams);
  const [{ items, hasMore }, projects, users] = await Promise.all([
    recentChanges(query),
    listProjects(),
    recentChangeAuthors(),
  ]);
  return (
    <>
      <div className="actions">
        <h1 style={{ marginRight: "auto" }}>Recent changes</h1>
        <a href={href({ ...query, page: 1 }, 1, "/recent/atom")} className="small">
          Atom feed of this view
        </a>
      </div>
      <form className="filters" method="get" action="/recent" aria-label="Filter recent changes">
        <div>
          <label htmlFor="r-kind">Kind</label>
          <select id="r-kind" name="kind" defaultValue={query.kind ?? ""}>
            <option value="">all</option>
            {RECENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}s
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="r-project">Project</label>
          <select id="r-project" name="project" defaultValue={query.project ?? ""}>
            <option value="">all</option>
            {projects.map((p) => (
              <option key={p.slug} value={p.slug}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="r-user">User</label>
          <select id="r-user" name="user" defaultValue={query.user ?? ""}>
            <option value="">anyone</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="r-since">From</label>
          <input id="r-since" name="since" type="date" defaultValue={query.since ?? ""} />
        </div>
        <div>
          <label htmlFor="r-until">Until</label>
          <input id="r-until" name="until" type="date" defaultValue={query.until ?? ""} />
        </div>
        <div>
          <button type="submit" className="button">
            Apply
          </button>
        </div>
      </form>
      {items.length ? (
        <table className="data" aria-label="Recent changes" data-testid="recent">
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Page</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={`${item.kind}-${item.id}`} data-kind={item.kind}>
                <td className="nowrap small">
                  <time dateTime={item.at.toISOString()}>{when.format(item.at)}</time>
                </td>
                <td>
                  <Link href={itemPath(item)}>{itemTitle(item)}</Link>
                </td>
                <td>{item.userName}</td>
                <td>
                  <What item={item} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">Nothing matches these filters.</p>
      )}
      <nav className="pagination" aria-label="Pages">
        {query.page > 1 ? <Link href={href(query, query.page - 1)}>← Newer</Link> : null}
        {hasMore ? <Link href={href(query, query.page + 1)}>Older →</Link> : null}
      </nav>
    </>
  );
}
