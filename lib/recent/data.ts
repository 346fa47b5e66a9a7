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

// Every kind of activity as one stream: edits, comments, votes and decisions.
const ACTIVITY = Prisma.sql`
  SELECT 'edit' AS kind, r.id, r.created_at AS at, r.author_id AS user_id, r.page_id, r.number AS revision_number, r.summary AS detail, NULL::text AS body FROM revisions r
  UNION ALL
  SELECT 'comment', c.id, c.created_at, c.author_id, c.page_id, NULL, NULL, c.body FROM comments c
  UNION ALL
  SELECT 'vote', v.id, v.updated_at, v.voter_id, rv.page_id, rv.number, v.value::text, v.comment FROM votes v JOIN revisions rv ON rv.id = v.revision_id
  UNION ALL
  SELECT 'decision', d.id, d.created_at, d.actor_id, d.page_id, rv.number, d.kind::text, d.reason FROM decisions d JOIN revisions rv ON rv.id = d.revision_id`;

function filters(query: RecentQuery, pageIds?: number[]): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (pageIds) conditions.push(pageIds.length ? Prisma.sql`a.page_id IN (${Prisma.join(pageIds)})` : Prisma.sql`FALSE`);
  if (query.kind) conditions.push(Prisma.sql`a.kind = ${query.kind}`);
  if (query.user) conditions.push(Prisma.sql`a.user_id = ${query.user}`);
  if (query.since) conditions.push(Prisma.sql`a.at >= ${new Date(`${query.since}T00:00:00Z`)}`);
  if (query.until) conditions.push(Prisma.sql`a.at < ${new Date(new Date(`${query.until}T00:00:00Z`).getTime() + 86_400_000)}`);
  if (query.project) {
    // A project's activity: its needs list, and the proposals of the functions it needs.
    conditions.push(Prisma.sql`(pr.slug = ${query.project} OR p.function_id IN (
      SELECT n.function_id FROM needs n JOIN projects np ON np.id = n.project_id WHERE np.slug = ${query.project}))`);
  }
  return Prisma.join(conditions, " AND ");
}

/** One page of the site's activity, newest first, for the given filters. */
export async function recentChanges(
  query: RecentQuery,
  client: DbClient = db,
  pageSize = RECENT_PAGE_SIZE,
  /** Only these pages (a watchlist). */
  pageIds?: number[],
): Promise<{ items: RecentItem[]; hasMore: boolean }> {
  const rows = await client.$queryRaw<
    { kind: RecentKind; id: number; at: Date; user_id: number; user_name: string; page_id: number; function_name: string | null; project_slug: string | null; project_name: string | null; revision_number: number | null; detail: string | null; body: string | null }[]
  >`
    SELECT a.kind, a.id, a.at, a.user_id, u.name AS user_name, a.page_id, f.name AS function_name, pr.slug AS project_slug, pr.name AS project_name,
           a.revision_number, a.detail, a.body
    FROM (${ACTIVITY}) a
    JOIN users u ON u.id = a.user_id
    JOIN pages p ON p.id = a.page_id
    LEFT JOIN functions f ON f.id = p.function_id
    LEFT JOIN projects pr ON pr.id = p.project_id
    WHERE ${filters(query, pageIds)}
    ORDER BY a.at DESC, a.kind, a.id DESC
    LIMIT ${pageSize + 1} OFFSET ${(query.page - 1) * pageSize}`;
  const items = rows.slice(0, pageSize).map((r) => ({
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

/** Where an activity item's page lives. */
export function itemPath(item: Pick<RecentItem, "functionName" | "projectSlug">): string {
  return item.functionName ? `/functions/${encodeURIComponent(item.functionName)}` : `/projects/${item.projectSlug}`;
}

export function itemTitle(item: Pick<RecentItem, "functionName" | "projectName">): string {
  return item.functionName ?? `${item.projectName}'s needs list`;
}
