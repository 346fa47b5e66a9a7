// Starts and stops the production server (scripts/serve.ts) and the bare
// baseline server (bench/baseline.ts) for the benchmark, and samples the
// resident memory of a server's process tree.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { buildProduction, hasProductionBuild, SERVER_ENV, serverArgs } from "../scripts/lib/production";

const HOST = "127.0.0.1";

/** Builds once when there is no production build yet. */
export async function ensureBuild(say: (line: string) => void): Promise<void> {
  if (hasProductionBuild()) return;
  say("No production build: running npm run build once (a few minutes) …");
  await buildProduction();
}

export interface RunningServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
  /** The last 200 lines the server wrote. */
  output(): string;
}

export interface ServerOptions {
  port: number;
  databaseUrl: string;
  timeoutMs?: number;
  /**
   * Called with stop() as soon as the process exists, before it answers, so that an interrupted
   * start can be undone.
   */
  onSpawn?: (stop: () => Promise<void>) => void;
}

/** The production server (scripts/serve.ts: Next behind the page cache) on the benchmark database. */
export function startServer(options: ServerOptions): Promise<RunningServer> {
  const url = `http://${HOST}:${options.port}`;
  return spawnServer("the app server", serverArgs(), url, options, {
    ...SERVER_ENV,
    PORT: String(options.port),
    HOST,
    NODE_ENV: "production",
    DATABASE_URL: options.databaseUrl,
    NEXTAUTH_SECRET: "afterfork-bench-secret-not-for-production",
    NEXTAUTH_URL: url,
    AUTH_TRUST_HOST: "true",
  });
}

/** The bare node:http + pg server of bench/baseline.ts on the same database. */
export function startBaseline(options: ServerOptions & { origin: string }): Promise<RunningServer> {
  const url = `http://${HOST}:${options.port}`;
  return spawnServer("the baseline server", ["--import", "tsx", path.join("bench", "baseline.ts")], url, options, {
    DATABASE_URL: options.databaseUrl,
    BASELINE_PORT: String(options.port),
    // The export's permalinks use the app's origin, so that both serve the same text.
    NEXTAUTH_URL: options.origin,
    NODE_ENV: "production",
  });
}

/** Fails when something already listens on the port: the readiness probe would otherwise take it for the server. */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`Port ${port} is in use; set BENCH_PORT to a free port (the baseline uses the next one).`)
          : error,
      ),
    );
    probe.listen(port, HOST, () => probe.close(() => resolve()));
  });
}

async function spawnServer(
  name: string,
  args: string[],
  url: string,
  options: ServerOptions,
  env: Record<string, string>,
): Promise<RunningServer> {
  const timeoutMs = options.timeoutMs ?? 90_000;
  await assertPortFree(options.port);
  // Its own process group, so stop() ends the server and anything it spawned, and nothing else.
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString().split("\n").filter(Boolean));
    output.splice(0, Math.max(0, output.length - 200));
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let running = true;
  void exited.then(() => (running = false));

  const stop = async () => {
    if (!running || child.pid === undefined) return;
    process.kill(-child.pid, "SIGTERM");
    const timer = setTimeout(() => running && child.pid !== undefined && process.kill(-child.pid, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  options.onSpawn?.(stop);

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!running) throw new Error(`${name} exited before answering:\n${output.join("\n")}`);
    try {
      const response = await fetch(`${url}/`, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status < 500) return { url, pid: child.pid!, stop, output: () => output.join("\n") };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`${name} did not answer within ${timeoutMs / 1000} s:\n${output.join("\n")}`);
}

/** Resident set size in bytes of a process and all its descendants (Linux /proc). */
export function treeRss(rootPid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  const queue = [rootPid];
  for (let pid = queue.pop(); pid !== undefined; pid = queue.pop()) {
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      // the process ended meanwhile
    }
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Samples treeRss every `intervalMs` until stop(), which returns the peak in bytes. */
export function sampleRss(pid: number, intervalMs = 200): { stop(): number } {
  let peak = treeRss(pid);
  const timer = setInterval(() => (peak = Math.max(peak, treeRss(pid))), intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, treeRss(pid));
    },
  };
}
