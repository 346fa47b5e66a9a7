import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import { SERVER_ENV, serverArgs } from "../scripts/lib/production";
import { query } from "./db";

/** A production server of the app on its own port (the build from `next build`); `stop` sends SIGTERM and resolves to its exit code. */
export async function startServer(
  port: number,
  databaseUrl: string,
  extraEnv: Record<string, string> = {},
): Promise<{ url: string; stop: () => Promise<number | null> }> {
  const child: ChildProcess = spawn(process.execPath, serverArgs(), {
    env: {
      ...process.env,
      ...SERVER_ENV,
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: "e2e-secret-not-for-production",
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      AUTH_TRUST_HOST: "true",
      ...extraEnv,
    },
    // The server's own output goes to test-results/, to read when a test fails.
    stdio: ["ignore", logFile(port), logFile(port)],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`The server on port ${port} did not start.`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    stop: () =>
      new Promise<number | null>((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => resolve(code));
        child.kill("SIGTERM");
      }),
  };
}

// Servers still running when the worker exits (a timed-out test) are stopped with it.
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

function logFile(port: number): number {
  mkdirSync("test-results", { recursive: true });
  return openSync(`test-results/server-${port}.log`, "a");
}

/** Creates users of a role with API tokens directly in the database; returns their tokens. */
export async function usersWithTokens(
  prefix: string,
  count: number,
  role: string,
  databaseUrl = process.env.DATABASE_URL,
): Promise<{ id: number; token: string }[]> {
  const out: { id: number; token: string }[] = [];
  for (let i = 0; i < count; i++) {
    const token = `afk_${randomBytes(18).toString("base64url")}`;
    const [user] = await query<{ id: number }>(
      "INSERT INTO users (email, name, role) VALUES ($1, $2, $3) RETURNING id",
      [`${prefix}-${i}@example.org`, `${prefix} ${i}`, role],
      databaseUrl,
    );
    await query(
      "INSERT INTO access_tokens (user_id, name, token_hash, scope) VALUES ($1, 'load test', $2, 'api')",
      [user!.id, createHash("sha256").update(token).digest("hex")],
      databaseUrl,
    );
    out.push({ id: user!.id, token });
  }
  return out;
}

/** Runs one of the project's scripts against a database. */
export function runScript(args: string[], databaseUrl: string, extraEnv: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, ...extraEnv },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}
