import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { checkReadiness, expectedMigrations } from "@/lib/server/health";
import { deployMigrationsLocked } from "@/lib/server/migrations/lock";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "@/lib/server/test-databases";

// setup.ts gives this file a migrated database in DATABASE_URL.
const pools: pg.Pool[] = [];
function poolOn(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 2, connectionTimeoutMillis: 1_000 });
  pool.on("error", () => {});
  pools.push(pool);
  return pool;
}
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
});

describe("/readyz's checks", () => {
  it("are ok on a migrated database", async () => {
    const readiness = await checkReadiness(poolOn(process.env.DATABASE_URL!), expectedMigrations());
    expect(readiness).toEqual({ status: "ready", checks: { database: "ok", migrations: "ok" } });
  });

  it("name a pending migration: the build has one the database lacks", async () => {
    const expected = [...expectedMigrations(), "29991231000000_not_applied_yet"];
    const readiness = await checkReadiness(poolOn(process.env.DATABASE_URL!), expected);
    expect(readiness.status).toBe("unavailable");
    expect(readiness.checks).toEqual({ database: "ok", migrations: "pending: 29991231000000_not_applied_yet" });
  });

  it("fail the database check when PostgreSQL does not answer", async () => {
    const stopped = new URL(process.env.DATABASE_URL!);
    stopped.port = "1"; // nothing listens there: what a stopped server looks like to the app
    const readiness = await checkReadiness(poolOn(stopped.toString()), expectedMigrations());
    expect(readiness.status).toBe("unavailable");
    expect(readiness.checks.database).toMatch(/^failed: /);
  });

  it("say draining during a shutdown, even when all else is ok", async () => {
    const readiness = await checkReadiness(poolOn(process.env.DATABASE_URL!), expectedMigrations(), true);
    expect(readiness.status).toBe("draining");
  });
});

describe("migrations under the advisory lock", () => {
  it("two deploys at once on an empty database: one applies every migration, the other none", async () => {
    const name = uniqueDatabaseName("afterfork_lock");
    const url = await createDatabase(name);
    try {
      const waited: string[] = [];
      const results = await Promise.all([
        deployMigrationsLocked(url, () => waited.push("first")),
        deployMigrationsLocked(url, () => waited.push("second")),
      ]);
      const lengths = results.map((applied) => applied.length).sort();
      expect(lengths).toEqual([0, expectedMigrations().length]);
      expect(waited).toHaveLength(1);
      const readiness = await checkReadiness(poolOn(url), expectedMigrations());
      expect(readiness.status).toBe("ready");
    } finally {
      await Promise.all(pools.splice(0).map((pool) => pool.end()));
      await dropDatabase(name);
    }
  });
});
