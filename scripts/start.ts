// `npm start`: runs Afterfork. Without DATABASE_URL it starts an embedded
// PostgreSQL with its files in ./.data (AFTERFORK_DATA_DIR overrides). It then
// applies migrations and seeds (idempotent) under a PostgreSQL advisory lock,
// so that instances booting at once on one database take turns, unless
// AFTERFORK_MIGRATE=0 (a deploy that ran `npm run migrate` first); builds once
// if there is no build, and serves on PORT (default 3000).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { RunningPostgres } from "../lib/server/embedded-postgres";
import { deployMigrations } from "../lib/server/migrations/engine";
import { withMigrationLock } from "../lib/server/migrations/lock";
import { buildProduction, hasProductionBuild, SERVER_ENV, serverArgs } from "./lib/production";

const log = (line: string) => console.log(`[afterfork] ${line}`);

async function main(): Promise<void> {
  // What is running, for the shutdown handler, which may fire at any point.
  const running: { embedded?: RunningPostgres; app?: ChildProcess } = {};
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log("Stopping …");
    const { app, embedded } = running;
    if (app && app.exitCode === null) {
      const exited = new Promise((resolve) => app.once("exit", resolve));
      app.kill("SIGTERM");
      await exited;
    }
    if (embedded) {
      await embedded.stop();
      log("PostgreSQL stopped.");
    }
    process.exit(code);
  };
  const onSignal = () => void stop(0);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  if (!process.env.DATABASE_URL) {
    // Imported only when used: embedded-postgres answers SIGINT and SIGTERM
    // itself (async-exit-hook), stopping PostgreSQL and exiting 143 at once,
    // while the server is still draining. Its handlers are removed: stop()
    // stops PostgreSQL once the server has exited.
    const { startEmbeddedPostgres } = await import("../lib/server/embedded-postgres");
    for (const signal of ["SIGINT", "SIGTERM"] as const)
      for (const listener of process.listeners(signal)) if (listener !== onSignal) process.off(signal, listener);
    const dataDir = path.resolve(process.env.AFTERFORK_DATA_DIR || ".data");
    running.embedded = await startEmbeddedPostgres(dataDir, log);
    process.env.DATABASE_URL = running.embedded.url;
    log(`Embedded PostgreSQL is running (data in ${dataDir}).`);
  }
  const seedDemo = Boolean(running.embedded) || process.env.SEED_DEMO_USERS === "1";

  // Imported after DATABASE_URL is settled: these open the shared client.
  const { db } = await import("../lib/db");
  const { seed } = await import("../lib/seed");
  const { seedDemoUsers, DEMO_USERS, demoPassword } = await import("../lib/seed/demo-users");
  if (process.env.AFTERFORK_MIGRATE === "0") log("AFTERFORK_MIGRATE=0: no migrations, no seed.");
  else {
    const url = process.env.DATABASE_URL!;
    await withMigrationLock(
      url,
      async () => {
        const applied = await deployMigrations(url);
        log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.");
        await seed(db, log);
        if (seedDemo) await seedDemoUsers(db);
      },
      () => log("Another instance is migrating this database: waiting for it …"),
    );
  }
  await db.$disconnect();

  if (!hasProductionBuild()) {
    log("No production build yet: running npm run build (a few minutes on a small machine) …");
    try {
      await buildProduction();
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      return stop(1);
    }
  }

  const port = process.env.PORT || "3000";
  const host = process.env.HOST || "127.0.0.1";
  const app = spawn(process.execPath, serverArgs(), {
    stdio: "inherit",
    env: {
      ...process.env,
      ...SERVER_ENV,
      PORT: port,
      HOST: host,
      NODE_ENV: "production",
      // Without NEXTAUTH_SECRET the server reads the session secret from the
      // database (lib/auth/secret.ts), so that `afterfork secret rotate` reaches it.
      AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST ?? "true",
    },
  });
  running.app = app;
  app.once("exit", (code) => void stop(code ?? 0));
  log(`Afterfork is at http://${host}:${port}`);
  if (seedDemo) {
    log(`Demo accounts (password "${demoPassword()}"):`);
    for (const user of DEMO_USERS)
      log(`  ${user.email.padEnd(30)} ${user.role}${user.projects.length ? ` (${user.projects.join(", ")})` : ""}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
