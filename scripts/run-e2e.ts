// Runs the Playwright suite against the production build on a fresh database
// created on DATABASE_URL's server (default postgresql://postgres@127.0.0.1:5432),
// migrated and seeded with the demo accounts, and dropped afterwards.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { deployMigrations } from "../lib/server/migrations/engine";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "../lib/server/test-databases";
import { hasProductionBuild } from "./lib/production";

async function main(): Promise<number> {
  if (!hasProductionBuild()) {
    console.error("No production build: run `npm run build` first (npm test does).");
    return 1;
  }
  const name = uniqueDatabaseName("afterfork_e2e");
  const url = await createDatabase(name);
  try {
    await deployMigrations(url);
    process.env.DATABASE_URL = url;
    const { db } = await import("../lib/db");
    const { seed } = await import("../lib/seed");
    const { seedDemoUsers } = await import("../lib/seed/demo-users");
    await seed(db);
    await seedDemoUsers(db);
    await db.$disconnect();
    const cli = createRequire(import.meta.url).resolve("@playwright/test/cli");
    const run = spawnSync(process.execPath, [cli, "test", ...process.argv.slice(2)], {
      stdio: "inherit",
      env: { ...process.env, DATABASE_URL: url },
    });
    return run.status ?? 1;
  } finally {
    await dropDatabase(name);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
