import { db, type DbClient } from "@/lib/db";
import { recentChanges } from "@/lib/recent/data";
import { hashToken } from "@/lib/tokens/secret";

export async function isWatching(userId: number, pageId: number, client: DbClient = db): Promise<boolean> {
  return (await client.watch.count({ where: { userId, pageId } })) > 0;
}

/**
 * Activity on a user's watched pages, newest first; each item says whether
 * it came after the user's last visit of that page.
 */
export async function watchlistChanges(userId: number, client: DbClient = db, limit = 100) {
  const watches = await client.watch.findMany({ where: { userId }, select: { pageId: true, lastVisitedAt: true } });
  const seen = new Map(watches.map((w) => [w.pageId, w.lastVisitedAt]));
  const { items } = await recentChanges({ page: 1 }, client, limit, [...seen.keys()]);
  return {
    pages: watches.length,
    items: items.map((item) => ({
      ...item,
      unseen: item.at > (seen.get(item.pageId) ?? new Date(0)) && item.userId !== userId,
    })),
  };
}

/**
 * How many of a user's watched pages changed since the user last looked at them: a newer current revision or
 * comment by someone else. One statement over the watches' primary key and the comments' (page, time) index,
 * cheap enough for the header of every page.
 */
export async function changedWatchCount(userId: number, client: DbClient = db): Promise<number> {
  const [row] = await client.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM watches w
    WHERE w.user_id = ${userId} AND (
      EXISTS (SELECT 1 FROM pages p JOIN revisions r ON r.id = p.current_revision_id
        WHERE p.id = w.page_id AND r.created_at > w.last_visited_at AND r.author_id <> ${userId})
      OR EXISTS (SELECT 1 FROM comments c
        WHERE c.page_id = w.page_id AND c.created_at > w.last_visited_at AND c.author_id <> ${userId}))`;
  return row?.n ?? 0;
}

/** The owner of a live feed token, or null (unknown, revoked, or a disabled user). */
export async function feedTokenOwner(
  token: string,
  client: DbClient = db,
): Promise<{ id: number; name: string } | null> {
  const row = await client.accessToken.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { name: true, disabled: true } } },
  });
  if (!row || row.scope !== "feed" || row.revokedAt || row.user.disabled) return null;
  return { id: row.userId, name: row.user.name };
}

export async function hasFeedToken(userId: number, client: DbClient = db): Promise<boolean> {
  return (await client.accessToken.count({ where: { userId, scope: "feed", revokedAt: null } })) > 0;
}
