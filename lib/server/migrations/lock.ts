// Several instances booting at once on one database must not migrate or seed
// at the same time: the first takes a PostgreSQL advisory lock and does the
// work; the others wait for it, then find nothing left to do.
import pg from "pg";
import { deployMigrations } from "./engine";

/** One key for every Afterfork process on the database (any 64-bit number no other tool uses). */
export const MIGRATION_LOCK_KEY = "4704286577411731531";

/**
 * Runs `work` while this process holds the migration lock. The lock belongs
 * to a connection of its own, so PostgreSQL releases it if the process dies.
 */
export async function withMigrationLock<T>(
  connectionString: string,
  work: () => Promise<T>,
  onWait: () => void = () => {},
): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS locked", [
      MIGRATION_LOCK_KEY,
    ]);
    if (!rows[0]!.locked) {
      onWait();
      await client.query("SELECT pg_advisory_lock($1::bigint)", [MIGRATION_LOCK_KEY]);
    }
    try {
      return await work();
    } finally {
      await client.query("SELECT pg_advisory_unlock($1::bigint)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

/** `prisma migrate deploy` under the migration lock. Returns the names applied (none when another process did it). */
export function deployMigrationsLocked(connectionString: string, onWait?: () => void): Promise<string[]> {
  return withMigrationLock(connectionString, () => deployMigrations(connectionString), onWait);
}
