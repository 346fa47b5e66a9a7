import { db, type DbClient } from "@/lib/db";

/** The version a new session of this user carries. */
export async function sessionVersionOf(userId: number, client: DbClient = db): Promise<number> {
  const user = await client.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user?.sessionVersion ?? -1;
}

/**
 * Ends every session of a user on every device: each request compares its
 * cookie's version with this one. API tokens are a separate credential and
 * stay valid until revoked.
 */
export async function endSessions(userId: number, client: DbClient = db): Promise<void> {
  await client.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
