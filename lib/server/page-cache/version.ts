import type { Pool } from "pg";

/**
 * The committed data version (see the data_version migration). Read per
 * request, so every app instance on the database sees a change as soon as it
 * is committed.
 */
export async function readDataVersion(pool: Pool): Promise<string> {
  const result = await pool.query<{ value: string }>('SELECT "value"::text AS "value" FROM "data_version"');
  const value = result.rows[0]?.value;
  if (value === undefined) throw new Error("data_version has no row: are the migrations applied?");
  return value;
}
