// The production build and how to run it, shared by `npm run build`,
// `npm start`, the end-to-end tests and the benchmark.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

/** scripts/serve.ts compiled to plain JavaScript: run under tsx, the server would hold ~80 MB more. */
export const SERVER_BUNDLE = path.join(".next", "afterfork-server.mjs");

/**
 * V8 heap limits of the app server. Rendering makes garbage fast, and with
 * V8's defaults on a large machine the heap grows to 500–800 MB before it is
 * collected; the live heap under load is ~60 MB. A 4 MB young generation and
 * a 192 MB old one took the bench's peak to 300–360 MB; rendering is ~20 % slower.
 */
export const SERVER_NODE_FLAGS = ["--max-old-space-size=192", "--max-semi-space-size=4"];

/**
 * Environment of the app server: glibc's malloc gives each thread that
 * allocates (libuv's pool, V8's workers) an arena of its own, and Node's
 * buffers left them fragmented; two arenas took ~40 MB off the peak.
 */
export const SERVER_ENV = { MALLOC_ARENA_MAX: "2" };

/**
 * Arguments for `node` that run the production server (PORT, HOST, NODE_ENV=production and
 * DATABASE_URL in its environment).
 */
export function serverArgs(): string[] {
  return [...SERVER_NODE_FLAGS, SERVER_BUNDLE];
}

export function hasProductionBuild(): boolean {
  return existsSync(path.join(".next", "BUILD_ID")) && existsSync(SERVER_BUNDLE);
}

/** `next build`, then the server bundle (next build empties .next/ first). */
export async function buildProduction(): Promise<void> {
  // A path, not import.meta: Playwright loads this file (for serverArgs) as CommonJS.
  const nextBin = path.resolve("node_modules", "next", "dist", "bin", "next");
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? "signal"}).`);
  await buildServer();
}

/** Only the server bundle, from scripts/serve.ts; packages stay in node_modules. */
export async function buildServer(): Promise<void> {
  await build({
    entryPoints: [path.join("scripts", "serve.ts")],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
}
