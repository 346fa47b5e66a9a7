import { randomBytes } from "node:crypto";
import { db, type DbClient } from "@/lib/db";

/** The settings row that holds the secret; backups leave it out (lib/backup/tables.ts). */
export const SESSION_SECRET_SETTING = "auth.jwtSecret";

const newSecret = () => randomBytes(32).toString("base64url");

/**
 * The secret that signs session cookies. Kept in the database so that every
 * app instance started on it shares one secret without configuration;
 * NEXTAUTH_SECRET overrides it.
 */
export async function ensureAuthSecret(client: DbClient = db): Promise<string> {
  await client.setting.upsert({
    where: { key: SESSION_SECRET_SETTING },
    create: { key: SESSION_SECRET_SETTING, value: newSecret() },
    update: {},
  });
  const row = await client.setting.findUniqueOrThrow({ where: { key: SESSION_SECRET_SETTING } });
  return String(row.value);
}

/** Replaces the stored secret: every session cookie signed with the old one stops working. */
export async function rotateAuthSecret(client: DbClient = db): Promise<void> {
  const value = newSecret();
  await client.setting.upsert({
    where: { key: SESSION_SECRET_SETTING },
    create: { key: SESSION_SECRET_SETTING, value },
    update: { value, updatedAt: new Date(), updatedById: null },
  });
}

// Read at most every few seconds per process, so that a rotation reaches every
// instance soon without a query on every request.
const CACHE_MS = 10_000;
let cached: { secret: string; until: number } | null = null;

/** The secret this process signs and checks cookies with: NEXTAUTH_SECRET, else the stored one. */
export async function currentAuthSecret(now = Date.now()): Promise<string> {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  if (cached && cached.until > now) return cached.secret;
  cached = { secret: await ensureAuthSecret(), until: now + CACHE_MS };
  return cached.secret;
}
