import { audit } from "@/lib/audit/log";
import { db, type DbClient } from "@/lib/db";
import { newToken } from "@/lib/tokens/secret";

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

/** Marks a watched page as seen (after its watcher has loaded it). */
export async function markSeen(userId: number, pageId: number, client: DbClient = db): Promise<void> {
  await client.watch.updateMany({ where: { userId, pageId }, data: { lastVisitedAt: new Date() } });
}

export async function markAllSeen(userId: number, client: DbClient = db): Promise<void> {
  await client.watch.updateMany({ where: { userId }, data: { lastVisitedAt: new Date() } });
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
