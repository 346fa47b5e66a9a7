import { db, type DbClient } from "@/lib/db";

export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests; try again in ${retryAfterSeconds} seconds.`);
  }
}

const PRUNE_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Fixed-window counter in PostgreSQL, shared by every app instance. Throws
 * RateLimitedError once `limit` hits have been counted for `key` in the
 * current window.
 */
export async function hitRateLimit(
  key: string,
  limit: number,
  windowSeconds: number,
  client: DbClient = db,
  now = new Date(),
): Promise<void> {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const rows = await client.$queryRaw<{ count: number }[]>`
    INSERT INTO rate_limit_buckets (key, window_start, count) VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_buckets.count + 1
    RETURNING count`;
  // Windows are at most a day long, so older buckets count for nothing; dropping them here keeps the table small.
  const pruneBefore = new Date(now.getTime() - PRUNE_AFTER_MS);
  await client.$executeRaw`DELETE FROM rate_limit_buckets WHERE window_start < ${pruneBefore}`;
  if ((rows[0]?.count ?? 0) > limit) {
    throw new RateLimitedError(Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  }
}
