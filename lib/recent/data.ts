import { db, type DbClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { RECENT_PAGE_SIZE, type RecentKind, type RecentQuery } from "@/lib/recent/schema";

export interface RecentItem {
  kind: RecentKind;
  id: number;
  at: Date;
  userId: number;
  userName: string;
  pageId: number;
  functionName: string | null;
  projectSlug: string | null;
  projectName: string | null;
  revisionNumber: number | null;
  /** Edit summary, vote value, decision kind. */
  detail: string | null;
  /** Comment body, vote comment or decision reason. */
  body: string | null;
}

interface Branch {
  kind: RecentKind;
  /** SELECT list: id, at, user_id, page_id, revision_number, detail, body. */
  select: Prisma.Sql;
  from: Prisma.Sql;
  at: Prisma.Sql;
  user: Prisma.Sql;
  page: Prisma.Sql;
}

// Every kind of activity: edits, comments, votes and decisions. Each branch
// is filtered, sorted and cut to the rows the page can need before the
// branches are merged, so a page costs the same however long the history.
const BRANCHES: Branch[] = [
  {
    kind: "edit",
    select: Prisma.sql`r.id, r.created_at AS at, r.author_id AS user_id, r.page_id,
      r.number AS revision_number, r.summary AS detail, NULL::text AS body`,
    from: Prisma.sql`revisions r`,
    at: Prisma.sql`r.created_at`,
    user: Prisma.sql`r.author_id`,
    page: Prisma.sql`r.page_id`,
  },
  {
    kind: "comment",
    select: Prisma.sql`c.id, c.created_at AS at, c.author_id AS user_id, c.page_id,
      NULL::int AS revision_number, NULL::text AS detail, c.body`,
    from: Prisma.sql`comments c`,
    at: Prisma.sql`c.created_at`,
    user: Prisma.sql`c.author_id`,
    page: Prisma.sql`c.page_id`,
  },
  {
    kind: "vote",
    select: Prisma.sql`v.id, v.updated_at AS at, v.voter_id AS user_id, rv.page_id,
      rv.number AS revision_number, v.value::text AS detail, v.comment AS body`,
    from: Prisma.sql`votes v JOIN revisions rv ON rv.id = v.revision_id`,
    at: Prisma.sql`v.updated_at`,
    user: Prisma.sql`v.voter_id`,
    page: Prisma.sql`rv.page_id`,
  },
  {
    kind: "decision",
    select: Prisma.sql`d.id, d.created_at AS at, d.actor_id AS user_id, d.page_id,
      rv.number AS revision_number, d.kind::text AS detail, d.reason AS body`,
    from: Prisma.sql`decisions d JOIN revisions rv ON rv.id = d.revision_id`,
    at: Prisma.sql`d.created_at`,
    user: Prisma.sql`d.actor_id`,
    page: Prisma.sql`d.page_id`,
  },
];

function branchSql(branch: Branch, query: RecentQuery, limit: number, pageIds?: number[]): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (pageIds)
    conditions.push(pageIds.length ? Prisma.sql`${branch.page} IN (${Prisma.join(pageIds)})` : Prisma.sql`FALSE`);
  if (query.user) conditions.push(Prisma.sql`${branch.user} = ${query.user}`);
  if (query.since) conditions.push(Prisma.sql`${branch.at} >= ${new Date(`${query.since}T00:00:00Z`)}`);
  if (query.until)
    conditions.push(
      Prisma.sql`${branch.at} < ${new Date(new Date(`${query.until}T00:00:00Z`).getTime() + 86_400_000)}`,
    );
  if (query.project) {
    // A project's activity: its needs list, and the proposals of the functions it needs.
    conditions.push(Prisma.sql`${branch.page} IN (
      SELECT pg.id FROM pages pg JOIN projects pp ON pp.id = pg.project_id WHERE pp.slug = ${query.project}
      UNION
      SELECT pg.id FROM pages pg JOIN needs n ON n.function_id = pg.function_id
        JOIN projects np ON np.id = n.project_id WHERE np.slug = ${query.project})`);
  }
  return Prisma.sql`(SELECT ${branch.kind}::text AS kind, ${branch.select} FROM ${branch.from}
    WHERE ${Prisma.join(conditions, " AND ")} ORDER BY ${branch.at} DESC, 2 DESC LIMIT ${limit})`;
}

/** A row of recentChangesSql's statement. */
export interface RecentSqlRow {
  kind: RecentKind;
  id: number;
  at: Date;
  user_id: number;
  user_name: string;
  page_id: number;
  function_name: string | null;
  project_slug: string | null;
  project_name: string | null;
  revision_number: number | null;
  detail: string | null;
  body: string | null;
}

/**
 * The statement behind one page of activity: up to pageSize + 1 rows, the
 * last only telling that there is more. Exported for the benchmark's bare
 * baseline, which sends the same SQL through pg.
 */
export function recentChangesSql(query: RecentQuery, pageSize = RECENT_PAGE_SIZE, pageIds?: number[]): Prisma.Sql {
  const offset = (query.page - 1) * pageSize;
  const branches = BRANCHES.filter((b) => !query.kind || b.kind === query.kind).map((b) =>
    branchSql(b, query, offset + pageSize + 1, pageIds),
  );
  return Prisma.sql`
    SELECT a.kind, a.id, a.at, a.user_id, u.name AS user_name, a.page_id,
           f.name AS function_name, pr.slug AS project_slug, pr.name AS project_name,
           a.revision_number, a.detail, a.body
    FROM (${Prisma.join(branches, " UNION ALL ")}) a
    JOIN users u ON u.id = a.user_id
    JOIN pages p ON p.id = a.page_id
    LEFT JOIN functions f ON f.id = p.function_id
    LEFT JOIN projects pr ON pr.id = p.project_id
    ORDER BY a.at DESC, a.kind, a.id DESC
    LIMIT ${pageSize + 1} OFFSET ${offset}`;
}

/** recentChangesSql's rows as one page of items. */
export function recentPage(rows: RecentSqlRow[], pageSize = RECENT_PAGE_SIZE) {
  const items = rows.slice(0, pageSize).map<RecentItem>((r) => ({
    kind: r.kind,
    id: Number(r.id),
    at: r.at,
    userId: r.user_id,
    userName: r.user_name,
    pageId: r.page_id,
    functionName: r.function_name,
    projectSlug: r.project_slug,
    projectName: r.project_name,
    revisionNumber: r.revision_number,
    detail: r.detail,
    body: r.body,
  }));
  return { items, hasMore: rows.length > pageSize };
}

/** One page of the site's activity, newest first, for the given filters. */
export async function recentChanges(
  query: RecentQuery,
  client: DbClient = db,
  pageSize = RECENT_PAGE_SIZE,
  /** Only these pages (a watchlist). */
  pageIds?: number[],
): Promise<{ items: RecentItem[]; hasMore: boolean }> {
  return recentPage(await client.$queryRaw<RecentSqlRow[]>(recentChangesSql(query, pageSize, pageIds)), pageSize);
}

/** The people the recent-changes filter offers: everyone who edited, commented or voted. */
export async function recentChangeAuthors(client: DbClient = db) {
  return client.user.findMany({
    where: { OR: [{ revisions: { some: {} } }, { comments: { some: {} } }, { votes: { some: {} } }] },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

/** Where an activity item's page lives. */
export function itemPath(item: Pick<RecentItem, "functionName" | "projectSlug">): string {
  return item.functionName ? `/functions/${encodeURIComponent(item.functionName)}` : `/projects/${item.projectSlug}`;
}

export function itemTitle(item: Pick<RecentItem, "functionName" | "projectName">): string {
  return item.functionName ?? `${item.projectName}'s needs list`;
}
