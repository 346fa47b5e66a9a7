import { audit } from "@/lib/audit/log";
import { db, type DbClient } from "@/lib/db";
import { recentChanges } from "@/lib/recent/data";
import { hashToken, newToken } from "@/lib/tokens/secret";

export async function isWatching(userId: number, pageId: number, client: DbClient = db): Promise<boolean> {
  return (await client.watch.count({ where: { userId, pageId } })) > 0;
}

export async function setWatching(
  userId: number,
  pageId: number,
  watching: boolean,
  client: DbClient = db,
): Promise<void> {
  if (watching) {
    await client.watch.upsert({ where: { userId_pageId: { userId, pageId } }, create: { userId, pageId }, update: {} });
  } else {
    await client.watch.deleteMany({ where: { userId, pageId } });
  }
}

/** Marks a watched page as seen (called when its owner views the page). */
export async function markSeen(userId: number, pageId: number, client: DbClient = db): Promise<void> {
  await client.watch.updateMany({ where: { userId, pageId }, data: { lastVisitedAt: new Date() } });
}

export async function markAllSeen(userId: number, client: DbClient = db): Promise<void> {
  await client.watch.updateMany({ where: { userId }, data: { lastVisitedAt: new Date() } });
}

/** Activity on a user's watched pages, newest first; each item says whether it came after the user's last visit of that page. */
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

/** Creates (or replaces) the secret URL token of a user's personal watchlist feed. */
export async function createFeedToken(userId: number, client: DbClient = db): Promise<string> {
  const { token, hash } = newToken("aff");
  await client.accessToken.updateMany({
    where: { userId, scope: "feed", revokedAt: null },
    data: { revokedAt: new Date() },
  });
  await client.accessToken.create({ data: { userId, name: "Watchlist feed", scope: "feed", tokenHash: hash } });
  await audit(client, { actorId: userId, action: "token.feed.create", targetType: "user", targetId: userId });
  return token;
}

export async function revokeFeedToken(userId: number, client: DbClient = db): Promise<void> {
  await client.accessToken.updateMany({
    where: { userId, scope: "feed", revokedAt: null },
    data: { revokedAt: new Date() },
  });
  await audit(client, { actorId: userId, action: "token.feed.revoke", targetType: "user", targetId: userId });
}

/** The owner of a live feed token, or null (unknown, revoked, or a disabled user). */
export async function feedTokenOwner(token: string, client: DbClient = db): Promise<number | null> {
  const row = await client.accessToken.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { disabled: true } } },
  });
  if (!row || row.scope !== "feed" || row.revokedAt || row.user.disabled) return null;
  return row.userId;
}

export async function hasFeedToken(userId: number, client: DbClient = db): Promise<boolean> {
  return (await client.accessToken.count({ where: { userId, scope: "feed", revokedAt: null } })) > 0;
}
