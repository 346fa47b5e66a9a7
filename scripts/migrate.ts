// `npm run migrate` applies pending migrations to DATABASE_URL (like `prisma migrate deploy`),
// under the advisory lock `npm start` takes too (lib/server/migrations/lock.ts).
// `npm run migrate -- new <name>` writes prisma/migrations/<timestamp>_<name>/migration.sql
// holding the SQL from the previous migration's schema snapshot to prisma/schema.prisma.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { MIGRATIONS_DIR, SCHEMA_PATH, diffSchemas } from "../lib/server/migrations/engine";
import { deployMigrationsLocked } from "../lib/server/migrations/lock";
import { requireDatabaseUrl } from "../lib/server/env";

async function main(): Promise<void> {
  const [command = "deploy", name] = process.argv.slice(2);
  const url = requireDatabaseUrl();
  if (command === "deploy") {
    const applied = await deployMigrationsLocked(url, () =>
      console.log("Another process is migrating this database: waiting for it …"),
    );
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "No pending migrations.");
    return;
  }
  if (command === "new" && name && /^[a-z0-9_]+$/.test(name)) {
    const previous = readdirSync(MIGRATIONS_DIR)
      .filter((d) => existsSync(path.join(MIGRATIONS_DIR, d, "schema.prisma")))
      .sort()
      .at(-1);
    const from = previous ? readFileSync(path.join(MIGRATIONS_DIR, previous, "schema.prisma"), "utf8") : null;
    const to = readFileSync(SCHEMA_PATH, "utf8");
    const sql = await diffSchemas(url, from, to);
    if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
      console.log("The schema matches the last migration: nothing to write.");
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql);
    writeFileSync(path.join(dir, "schema.prisma"), to);
    console.log(
      `Wrote ${path.relative(process.cwd(), dir)}/migration.sql; ` +
        "review it, add hand-written SQL if needed, then npm run migrate.",
    );
    return;
  }
  console.error("usage: npm run migrate [-- deploy | -- new <snake_case_name>]");
  process.exit(2);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
