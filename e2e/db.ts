import pg from "pg";

/** Reads the end-to-end database directly, to prove what a refused request did not write. */
export async function query<T extends pg.QueryResultRow>(
  sql: string,
  params: unknown[] = [],
  connectionString = process.env.DATABASE_URL,
): Promise<T[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
