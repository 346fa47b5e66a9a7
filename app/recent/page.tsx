import type { Metadata } from "next";
import Link from "next/link";
import { itemPath, itemTitle, recentChangeAuthors, recentChanges, type RecentItem } from "@/lib/recent/data";
import { parseRecentQuery, RECENT_KINDS, type RecentQuery } from "@/lib/recent/schema";
import { listProjects } from "@/lib/projects/data";
import { listHref } from "@/lib/server/http/search-params";
import { DataTable } from "@/components/data-table";
import { DateField, FilterForm, SelectField, projectOptions, userOptions } from "@/components/filter-form";
import { Pagination } from "@/components/pagination";

export const metadata: Metadata = { title: "Recent changes" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const KIND_OPTIONS = RECENT_KINDS.map((kind) => ({ value: kind, label: `${kind}s` }));

const href = (query: RecentQuery, page: number, base = "/recent") => listHref(base, { ...query, page });

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
  const projectChoices = projectOptions(projects);
  return (
    <>
      <div className="actions">
        <h1 style={{ marginRight: "auto" }}>Recent changes</h1>
        <a href={href({ ...query, page: 1 }, 1, "/recent/atom")} className="small">
          Atom feed of this view
        </a>
      </div>
      <FilterForm action="/recent" label="Filter recent changes">
        <SelectField label="Kind" name="kind" value={query.kind} anyLabel="all" options={KIND_OPTIONS} />
        <SelectField label="Project" name="project" value={query.project} anyLabel="all" options={projectChoices} />
        <SelectField label="User" name="user" value={query.user} anyLabel="anyone" options={userOptions(users)} />
        <DateField label="From" name="since" value={query.since} />
        <DateField label="Until" name="until" value={query.until} />
      </FilterForm>
      {items.length ? (
        <DataTable label="Recent changes" testId="recent" columns={["When (UTC)", "Page", "Who", "What"]}>
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
        </DataTable>
      ) : (
        <p className="muted">Nothing matches these filters.</p>
      )}
      <Pagination
        previous={query.page > 1 ? href(query, query.page - 1) : null}
        next={hasMore ? href(query, query.page + 1) : null}
        previousLabel="← Newer"
        nextLabel="Older →"
      />
    </>
  );
}
