// GET /healthz and GET /readyz of the production server (scripts/serve.ts).
// /healthz says the process serves and touches nothing else; /readyz says
// whether a proxy should send it traffic: PostgreSQL answers, every migration
// in this build is applied, and the server is not draining for a shutdown.
// Both are answered before the page cache, the render limit and Next.
import type { IncomingMessage, ServerResponse } from "node:http";
import type pg from "pg";
import { readMigrations } from "./migrations/engine";

export type CheckResult = "ok" | string;

export interface Readiness {
  status: "ready" | "unavailable" | "draining";
  checks: { database: CheckResult; migrations: CheckResult };
}

/** The migrations this build expects, by directory name (prisma/migrations). */
export function expectedMigrations(dir?: string): string[] {
  return readMigrations(dir).migrationDirectories.map((migration) => migration.path);
}

type Queryable = Pick<pg.Pool, "query">;

function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `failed: ${message.split("\n")[0]!.slice(0, 200) || "no answer"}`;
}

/** A failed check says what failed; "ok" otherwise. */
export async function checkReadiness(database: Queryable, expected: string[], draining = false): Promise<Readiness> {
  let databaseCheck: CheckResult = "ok";
  let migrationsCheck: CheckResult = "ok";
  try {
    // Applied and not rolled back, as `prisma migrate deploy` records them.
    const { rows } = await database.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const applied = new Set(rows.map((row) => row.migration_name));
    const pending = expected.filter((name) => !applied.has(name));
    if (pending.length) migrationsCheck = `pending: ${pending.join(", ")}`;
  } catch (error) {
    // 42P01: the table is missing, so nothing is migrated yet; the database itself answered.
    if ((error as { code?: string }).code === "42P01") migrationsCheck = "pending: every migration";
    else {
      databaseCheck = reason(error);
      migrationsCheck = "unknown";
    }
  }
  const healthy = databaseCheck === "ok" && migrationsCheck === "ok";
  return {
    status: draining ? "draining" : healthy ? "ready" : "unavailable",
    checks: { database: databaseCheck, migrations: migrationsCheck },
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}

export interface HealthRoutes {
  /** Answers /healthz and /readyz; false for any other request. */
  handle(request: IncomingMessage, response: ServerResponse): boolean;
  /** From now on /readyz answers 503 "draining". */
  startDraining(): void;
  readonly draining: boolean;
}

export function healthRoutes(database: Queryable, expected = expectedMigrations()): HealthRoutes {
  let draining = false;
  return {
    get draining() {
      return draining;
    },
    startDraining() {
      draining = true;
    },
    handle(request, response) {
      const path = (request.url ?? "/").split("?")[0];
      if (path !== "/healthz" && path !== "/readyz") return false;
      if (request.method !== "GET" && request.method !== "HEAD") {
        response.writeHead(405, { allow: "GET, HEAD" });
        response.end();
        return true;
      }
      if (path === "/healthz") {
        sendJson(response, 200, { status: "ok" });
        return true;
      }
      void checkReadiness(database, expected, draining).then(
        (readiness) => sendJson(response, readiness.status === "ready" ? 200 : 503, readiness),
        (error: unknown) => sendJson(response, 503, { status: "unavailable", error: reason(error) }),
      );
      return true;
    },
  };
}
