import { createHash, randomBytes } from "node:crypto";
import { db, type DbClient } from "@/lib/db";

// The single-use links mailed for accounts. A link carries 256 random bits;
// only their SHA-256 is stored, so a copy of the database (or a backup,
// which leaves the table out) opens no account. A link is spent by one
// conditional UPDATE, so two clicks at once cannot both use it.

export type AccountTokenPurpose = "verify-email" | "reset-password";

/** How long a mailed link works. */
export const TOKEN_LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  "verify-email": 48 * 60 * 60 * 1000,
  "reset-password": 60 * 60 * 1000,
};

export type TokenCheck = { ok: true; userId: number } | { ok: false; reason: "unknown" | "used" | "expired" };

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * A new link for `purpose`; it replaces the user's unused ones of that purpose, so only the latest mail works.
 * Tokens expired for a day are dropped on the way.
 */
export async function issueAccountToken(
  userId: number,
  purpose: AccountTokenPurpose,
  client: DbClient = db,
  now = new Date(),
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await client.accountMailToken.deleteMany({
    where: {
      OR: [{ userId, purpose, usedAt: null }, { expiresAt: { lt: new Date(now.getTime() - 24 * 60 * 60 * 1000) } }],
    },
  });
  await client.accountMailToken.create({
    data: {
      tokenHash: hashOf(token),
      userId,
      purpose,
      createdAt: now,
      expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]),
    },
  });
  return token;
}

/** What a link is worth now, without spending it (the page that asks for a new password shows this). */
export async function checkAccountToken(
  token: string,
  purpose: AccountTokenPurpose,
  client: DbClient = db,
  now = new Date(),
): Promise<TokenCheck> {
  const row = await client.accountMailToken.findUnique({ where: { tokenHash: hashOf(token) } });
  if (!row || row.purpose !== purpose) return { ok: false, reason: "unknown" };
  if (row.usedAt) return { ok: false, reason: "used" };
  if (row.expiresAt <= now) return { ok: false, reason: "expired" };
  return { ok: true, userId: row.userId };
}

/** Spends a link: succeeds once, for an unexpired link of this purpose; says why otherwise. */
export async function consumeAccountToken(
  token: string,
  purpose: AccountTokenPurpose,
  client: DbClient = db,
  now = new Date(),
): Promise<TokenCheck> {
  const spent = await client.$queryRaw<{ user_id: number }[]>`
    UPDATE account_mail_tokens SET used_at = ${now}
    WHERE token_hash = ${hashOf(token)} AND purpose = ${purpose} AND used_at IS NULL AND expires_at > ${now}
    RETURNING user_id`;
  if (spent[0]) return { ok: true, userId: spent[0].user_id };
  const why = await checkAccountToken(token, purpose, client, now);
  // A link that looks usable now was spent by a concurrent request between the two statements.
  return why.ok ? { ok: false, reason: "used" } : why;
}
