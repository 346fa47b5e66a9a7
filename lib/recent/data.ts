import { db, type DbClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { RECENT_KINDS, RECENT_PAGE_SIZE, type RecentKind, type RecentQuery } from "@/lib/recent/schema";

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

// Every kind of activity: edits, comments, votes and decisions, each as rows of id, at, user_id, page_id,
// revision_number, detail and body. Each branch is filtered, sorted and cut to the rows the page can need
// before the branches are merged, so a page costs the same however long the history. PostgreSQL pulls these
// plain subqueries up into the filtering query, so the filters still reach the tables' indexes.
const BRANCHES: Record<RecentKind, Prisma.Sql> = {
  edit: Prisma.sql`SELECT r.id, r.created_at AS at, r.author_id AS user_id, r.page_id,
      r.number AS revision_number, r.summary AS detail, NULL::text AS body
    FROM revisions r`,
  comment: Prisma.sql`SELECT c.id, c.created_at AS at, c.author_id AS user_id, c.page_id,
      NULL::int AS revision_number, NULL::text AS detail, c.body
    FROM comments c`,
  vote: Prisma.sql`SELECT v.id, v.updated_at AS at, v.voter_id AS user_id, rv.page_id,
      rv.number AS revision_number, v.value::text AS detail, v.comment AS body
    FROM votes v JOIN revisions rv ON rv.id = v.revision_id`,
  decision: Prisma.sql`SELECT d.id, d.created_at AS at, d.actor_id AS user_id, d.page_id,
      rv.number AS revision_number, d.kind::text AS detail, d.reason AS body
    FROM decisions d JOIN revisions rv ON rv.id = d.revision_id`,
};

function branchSql(kind: RecentKind, query: RecentQuery, limit: number, pageIds?: number[]): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (pageIds) conditions.push(pageIds.length ? Prisma.sql`b.page_id IN (${Prisma.join(pageIds)})` : Prisma.sql`FALSE`);
  if (query.user) conditions.push(Prisma.sql`b.user_id = ${query.user}`);
  if (query.since) conditions.push(Prisma.sql`b.at >= ${new Date(`${query.since}T00:00:00Z`)}`);
  if (query.until)
    conditions.push(Prisma.sql`b.at < ${new Date(new Date(`${query.until}T00:00:00Z`).getTime() + 86_400_000)}`);
  if (query.project) {
    // A project's activity: its needs list, and the proposals of the functions it needs.
    conditions.push(Prisma.sql`b.page_id IN (
      SELECT pg.id FROM pages pg JOIN projects pp ON pp.id = pg.project_id WHERE pp.slug = ${query.project}
      UNION
      SELECT pg.id FROM pages pg JOIN needs n ON n.function_id = pg.function_id
        JOIN projects np ON np.id = n.project_id WHERE np.slug = ${query.project})`);
  }
  return Prisma.sql`(SELECT ${kind}::text AS kind, b.* FROM (${BRANCHES[kind]}) b
    WHERE ${Prisma.join(conditions, " AND ")} ORDER BY b.at DESC, b.id DESC LIMIT ${limit})`;
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
  const kinds = query.kind ? [query.kind] : RECENT_KINDS;
  const branches = kinds.map((kind) => branchSql(kind, query, offset + pageSize + 1, pageIds));
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
