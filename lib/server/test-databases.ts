import { randomBytes } from "node:crypto";
import pg from "pg";
import { DEFAULT_TEST_SERVER_URL } from "@/lib/server/env";

// Tests create and drop their own databases on DATABASE_URL's server (or the
// local default); they never touch a database they did not create.

export function serverUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_TEST_SERVER_URL;
}

export function databaseUrl(name: string, base = serverUrl()): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl("postgres") });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
}

export async function createDatabase(name: string, template?: string): Promise<string> {
  await onServer(async (c) => {
    // PostgreSQL refuses to copy a template while another copy of it is being
    // made, so parallel test files take turns.
    await c.query("SELECT pg_advisory_lock(hashtext('afterfork_create_database'))");
    await c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  });
  return databaseUrl(name);
}

export async function dropDatabase(name: string): Promise<void> {
  await onServer((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
