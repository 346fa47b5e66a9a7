import { audit } from "@/lib/audit/log";
import { db, type DbClient } from "@/lib/db";
import { hashToken, newToken } from "@/lib/tokens/secret";

/** Personal access tokens of the JSON API (scope "api"); feed tokens (scope "feed") belong to the watchlist. */
export const API_SCOPE = "api";
/** API tokens start with this, so that a leaked one is easy to recognise (and to search for in logs). */
export const API_TOKEN_PREFIX = "afk";
/** Live tokens a user may hold at once. */
export const MAX_LIVE_TOKENS = 20;

export class TokenError extends Error {}

export interface CreatedToken {
  id: number;
  name: string;
  /** The token itself: shown once, never stored. */
  token: string;
}

/**
 * Creates a personal access token for the API. `createdBy` is the account that
 * asked (the owner on the settings page, null from the command line); the
 * event is audited either way.
 */
export async function createApiToken(
  userId: number,
  name: string,
  createdBy: number | null,
  client: DbClient = db,
): Promise<CreatedToken> {
  const owner = await client.user.findUnique({ where: { id: userId }, select: { disabled: true } });
  if (!owner) throw new TokenError("There is no such user.");
  if (owner.disabled) throw new TokenError("The account is disabled; a token for it would be refused.");
  const live = await client.accessToken.count({ where: { userId, scope: API_SCOPE, revokedAt: null } });
  if (live >= MAX_LIVE_TOKENS)
    throw new TokenError(`You already have ${MAX_LIVE_TOKENS} live tokens; revoke one you no longer use first.`);
  const { token, hash } = newToken(API_TOKEN_PREFIX);
  const row = await client.accessToken.create({ data: { userId, name, scope: API_SCOPE, tokenHash: hash } });
  await audit(client, {
    actorId: createdBy,
    action: "token.api.create",
    targetType: "user",
    targetId: userId,
    details: { tokenId: row.id, name, via: createdBy === null ? "command line" : "settings" },
  });
  return { id: row.id, name, token };
}

/** A user's API tokens, live ones first, newest first; never their secrets. */
export async function listApiTokens(userId: number, client: DbClient = db) {
  return client.accessToken.findMany({
    where: { userId, scope: API_SCOPE },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

/** Revokes one of the user's own live API tokens; false when there is no such live token. */
export async function revokeApiToken(userId: number, tokenId: number, client: DbClient = db): Promise<boolean> {
  const { count } = await client.accessToken.updateMany({
    where: { id: tokenId, userId, scope: API_SCOPE, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count)
    await audit(client, {
      actorId: userId,
      action: "token.api.revoke",
      targetType: "user",
      targetId: userId,
      details: { tokenId },
    });
  return count > 0;
}

export type TokenCheck =
  { ok: true; tokenId: number; userId: number } | { ok: false; reason: "unknown" | "revoked" | "disabled" };

/**
 * Checks a presented API token: unknown tokens, feed tokens, revoked tokens
 * and tokens of disabled accounts are refused. A live token's lastUsedAt is
 * updated (at most once a minute, so busy CI jobs do not write on every call).
 */
export async function checkApiToken(token: string, client: DbClient = db, now = new Date()): Promise<TokenCheck> {
  const row = await client.accessToken.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { disabled: true } } },
  });
  if (!row || row.scope !== API_SCOPE) return { ok: false, reason: "unknown" };
  if (row.revokedAt) return { ok: false, reason: "revoked" };
  if (row.user.disabled) return { ok: false, reason: "disabled" };
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= 60_000) {
    await client.accessToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { ok: true, tokenId: row.id, userId: row.userId };
}
