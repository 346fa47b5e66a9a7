import { db, type DbClient } from "@/lib/db";

export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

/** True when the email has had too many failed sign-ins lately; counted in the database so every instance agrees. */
export async function isLockedOut(email: string, client: DbClient = db, now = new Date()): Promise<boolean> {
  const failures = await client.loginAttempt.count({
    where: { email, succeeded: false, createdAt: { gt: new Date(now.getTime() - FAILURE_WINDOW_MS) } },
  });
  return failures >= MAX_FAILURES;
}

export async function recordLoginAttempt(email: string, succeeded: boolean, client: DbClient = db): Promise<void> {
  await client.loginAttempt.create({ data: { email, succeeded } });
}
