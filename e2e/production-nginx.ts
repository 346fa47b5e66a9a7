// Helpers of e2e/production-nginx.spec.ts: Debian's nginx on a loopback port
// with a configuration generated from deploy/nginx.conf, and `npm start`
// instances whose output the test reads.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const NGINX = "/usr/sbin/nginx";

/**
 * deploy/nginx.conf as the test runs it: its upstream on the test's ports,
 * plain HTTP on loopback instead of TLS (no certificate here), static files
 * from this checkout, inside a main configuration of its own.
 */
export function nginxConfig(site: string, options: { port: number; upstreams: number[]; dir: string }): string {
  let upstreamWritten = false;
  const lines = site.split("\n").flatMap((line) => {
    if (/^\s*server 127\.0\.0\.1:\d+/.test(line)) {
      if (upstreamWritten) return [];
      upstreamWritten = true;
      return options.upstreams.map((port) => line.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${port}`));
    }
    if (/^\s*listen 443 ssl;/.test(line)) return [`    listen 127.0.0.1:${options.port};`];
    if (/^\s*listen (\[::\]:)?(80|443)/.test(line) || /^\s*(ssl_|http2 )/.test(line)) return [];
    return [line.replace("/srv/afterfork", process.cwd())];
  });
  const site_ = lines.join("\n");
  if (!upstreamWritten || !site_.includes(`listen 127.0.0.1:${options.port};`))
    throw new Error("deploy/nginx.conf no longer has the upstream or `listen 443 ssl;` lines this test rewrites.");
  // The redirect server (port 80) has no listen left: drop it rather than let it take nginx's default port.
  const withoutRedirect = site_.replace(/server \{\n\s*server_name [^\n]*\n\s*return 301 [^\n]*\n\}\n/, "");
  const tmp = options.dir;
  return [
    "daemon off;",
    "worker_processes 1;",
    process.getuid?.() === 0 ? "user root;" : "",
    `pid ${tmp}/nginx.pid;`,
    `error_log ${tmp}/error.log warn;`,
    "events { worker_connections 1024; }",
    "http {",
    "  include /etc/nginx/mime.types;",
    "  default_type application/octet-stream;",
    `  access_log ${tmp}/access.log;`,
    ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `  ${kind}_temp_path ${tmp}/${kind};`),
    withoutRedirect,
    "}",
  ].join("\n");
}

export async function startNginx(
  port: number,
  upstreams: number[],
): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "afterfork-nginx-"));
  chmodSync(dir, 0o755);
  mkdirSync(path.join(dir, "logs"));
  const config = path.join(dir, "nginx.conf");
  writeFileSync(config, nginxConfig(readFileSync("deploy/nginx.conf", "utf8"), { port, upstreams, dir }));
  const child = spawn(NGINX, ["-p", dir, "-c", config], { stdio: ["ignore", "inherit", "inherit"] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await fetch(`${url}/healthz`);
      break;
    } catch {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`nginx did not start: ${readFileSync(path.join(dir, "error.log"), "utf8")}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGQUIT");
      }),
  };
}

export interface Instance {
  port: number;
  url: string;
  output: () => string;
  /** SIGTERM to `npm start`, which passes it on to the server; resolves to the exit code. */
  stop: () => Promise<number | null>;
}

/** `npm start` (scripts/start.ts) on a port; resolves once /readyz says ready. */
export async function startInstance(port: number, env: Record<string, string>): Promise<Instance> {
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/start.ts"], {
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (output += String(chunk)));
  child.stderr!.on("data", (chunk) => (output += String(chunk)));
  running.add(child);
  child.once("exit", () => running.delete(child));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`npm start on port ${port} did not become ready:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    port,
    url,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => resolve(code));
        child.kill("SIGTERM");
      }),
  };
}

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});
