import { randomBytes } from "node:crypto";
import { db, type DbClient } from "@/lib/db";

const KEY = "auth.jwtSecret";

/**
 * The secret that signs session cookies. Kept in the database so that every
 * app instance started on it shares one secret without configuration;
 * NEXTAUTH_SECRET overrides it.
 */
export async function ensureAuthSecret(client: DbClient = db): Promise<string> {
  await client.setting.upsert({
    where: { key: KEY },
    create: { key: KEY, value: randomBytes(32).toString("base64url") },
    update: {},
  });
  const row = await client.setting.findUniqueOrThrow({ where: { key: KEY } });
  return String(row.value);
}
