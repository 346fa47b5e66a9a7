// GET /metrics of the production server in Prometheus' text format: requests
// and latency by route and status, page-cache results, the render queue,
// database pool use and Node's process metrics. Only loopback may read it,
// unless METRICS_TOKEN is set: then every reader sends `Authorization: Bearer`.
import { timingSafeEqual } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import pg from "pg";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

type PoolLike = Pick<pg.Pool, "totalCount" | "idleCount" | "waitingCount">;

/**
 * Every pg pool of this process, Prisma's inside Next included: Prisma's
 * driver adapter keeps its pool private, so pools are noted the first time
 * they hand out a connection (pool.query goes through connect too).
 */
const pools = new Set<PoolLike>();
let poolsWatched = false;
export function watchDatabasePools(): void {
  if (poolsWatched) return;
  poolsWatched = true;
  const connect = pg.Pool.prototype.connect;
  pg.Pool.prototype.connect = function (this: pg.Pool, ...args: unknown[]) {
    pools.add(this);
    return (connect as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof connect;
}

/**
 * Route patterns of the build (".next/routes-manifest.json"), so that labels stay few: /functions/[name], not every
 * name.
 */
export function routeLabeler(distDir = ".next"): (pathname: string) => string {
  const manifestPath = path.join(distDir, "routes-manifest.json");
  type Route = { page: string; regex: string };
  const manifest = existsSync(manifestPath)
    ? (JSON.parse(readFileSync(manifestPath, "utf8")) as { staticRoutes?: Route[]; dynamicRoutes?: Route[] })
    : {};
  const staticPages = new Set((manifest.staticRoutes ?? []).map((route) => route.page));
  const dynamic = (manifest.dynamicRoutes ?? []).map((route) => ({ page: route.page, regex: new RegExp(route.regex) }));
  return (pathname) => {
    if (pathname.startsWith("/_next/")) return "/_next/*";
    if (pathname === "/healthz" || pathname === "/readyz" || pathname === "/metrics") return pathname;
    if (staticPages.has(pathname)) return pathname;
    return dynamic.find((route) => route.regex.test(pathname))?.page ?? "(other)";
  };
}

export interface MetricsSources {
  renderQueue: { inFlight(): number; waiting(): number };
  routeOf: (pathname: string) => string;
}

export interface ServerMetrics {
  /** Counts a request once its response has finished or its client left. */
  observe(request: IncomingMessage, response: ServerResponse): void;
  /** Answers /metrics; false for any other request. */
  handle(request: IncomingMessage, response: ServerResponse): boolean;
  /** Counts what a round of the mail sender did (lib/mail/sender.ts). */
  countMail(result: { sent: number; failed: number; skipped: number }): void;
  readonly registry: Registry;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** Who may read /metrics: with a token set, whoever sends it; without, loopback only. */
export function mayReadMetrics(
  remoteAddress: string | undefined,
  authorization: string | undefined,
  token = process.env.METRICS_TOKEN,
): boolean {
  if (!token) return LOOPBACK.test(remoteAddress ?? "");
  const sent = Buffer.from(/^Bearer (.+)$/.exec(authorization ?? "")?.[1] ?? "");
  const expected = Buffer.from(token);
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

export function createMetrics({ renderQueue, routeOf }: MetricsSources): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ["method", "route", "status"] as const;
  const requests = new Counter({
    name: "afterfork_http_requests_total",
    help: "HTTP requests answered, by method, route pattern and status.",
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "afterfork_http_request_duration_seconds",
    help: "Time from a request's arrival to the end of its response.",
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const cacheResults = new Counter({
    name: "afterfork_page_cache_requests_total",
    help: "Requests the page cache looked at: hit, miss, or bypass (database unreachable).",
    labelNames: ["result"],
    registers: [registry],
  });
  const mail = new Counter({
    name: "afterfork_mail_messages_total",
    help: "Outbox messages the mail sender handled: sent, failed (to be retried) or skipped (turned off since).",
    labelNames: ["result"],
    registers: [registry],
  });
  new Gauge({
    name: "afterfork_render_queue_length",
    help: "Requests waiting for a turn inside Next (RENDER_CONCURRENCY).",
    registers: [registry],
    collect() {
      this.set(renderQueue.waiting());
    },
  });
  new Gauge({
    name: "afterfork_render_in_flight",
    help: "Requests inside Next now.",
    registers: [registry],
    collect() {
      this.set(renderQueue.inFlight());
    },
  });
  new Gauge({
    name: "afterfork_db_pool_connections",
    help: "PostgreSQL connections of this process's pools: open, idle, and callers waiting for one.",
    labelNames: ["state"],
    registers: [registry],
    collect() {
      const sum = (pick: (pool: PoolLike) => number) => [...pools].reduce((total, pool) => total + pick(pool), 0);
      this.set(
        { state: "total" },
        sum((pool) => pool.totalCount),
      );
      this.set(
        { state: "idle" },
        sum((pool) => pool.idleCount),
      );
      this.set(
        { state: "waiting" },
        sum((pool) => pool.waitingCount),
      );
    },
  });

  return {
    registry,
    countMail(result) {
      for (const [name, count] of Object.entries(result)) if (count) mail.inc({ result: name }, count);
    },
    observe(request, response) {
      const stopTimer = duration.startTimer();
      response.once("close", () => {
        const labels = {
          method: request.method ?? "GET",
          route: routeOf((request.url ?? "/").split("?")[0]!),
          status: String(response.statusCode),
        };
        stopTimer(labels);
        requests.inc(labels);
        const cache = response.getHeader("x-afterfork-cache");
        if (typeof cache === "string") cacheResults.inc({ result: cache });
      });
    },
    handle(request, response) {
      if ((request.url ?? "/").split("?")[0] !== "/metrics") return false;
      if (!mayReadMetrics(request.socket.remoteAddress, request.headers.authorization)) {
        response.writeHead(process.env.METRICS_TOKEN ? 401 : 403, { "content-type": "text/plain; charset=utf-8" });
        response.end(process.env.METRICS_TOKEN ? "Send Authorization: Bearer <METRICS_TOKEN>.\n" : "Loopback only.\n");
        return true;
      }
      void registry.metrics().then(
        (text) => {
          response.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
          response.end(text);
        },
        () => {
          response.writeHead(500);
          response.end();
        },
      );
      return true;
    },
  };
}
