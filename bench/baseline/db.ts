import pg from "pg";
import type { Prisma } from "../../lib/generated/prisma/client";

// The baseline's connection pool, as large as the app's. Statements are
// Prisma.sql fragments, the app's own where it writes SQL, sent through pg.
export const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

export async function rows<T>(statement: Prisma.Sql): Promise<T[]> {
  return (await pool.query(statement.text, statement.values)).rows as T[];
}
