// The production server: Next's request handler behind the page cache
// (lib/page-cache). `npm start`, the end-to-end tests and the benchmark run
// it; PORT (default 3000) and HOST (default 127.0.0.1) say where it listens.
// PAGE_CACHE_MB (default 64; 0 turns the cache off) bounds the cache;
// RENDER_CONCURRENCY (default 4) is how many requests Next works on at once;
// TRUST_PROXY (default 0) is how many reverse proxies' X-Forwarded-* to believe.
// It also answers /healthz and /readyz (lib/server/health.ts) and /metrics
// (lib/server/metrics.ts, METRICS_TOKEN), logs one JSON line per request
// (lib/server/logging.ts, LOG_LEVEL) and drains on SIGTERM or SIGINT
// (lib/server/shutdown.ts, SHUTDOWN_TIMEOUT_S). With SMTP_URL set it delivers the mail outbox
// (lib/mail/sender.ts) through its own pool, sharing the rows with every other instance.
import { createServer } from "node:http";
import next from "next";
import pg from "pg";
import { CLIENT_ADDRESS_HEADER, trustedProxyHops } from "../lib/server/http/client-address";
import { limitConcurrency } from "../lib/server/http/concurrency-limit";
import { frontDoor } from "../lib/server/http/front-door";
import { healthRoutes } from "../lib/server/health";
import { createLogger, noteSessionUser, requestLogger, sessionSecret } from "../lib/server/logging";
import { createMetrics, routeLabeler, watchDatabasePools } from "../lib/server/metrics";
import { withPageCache } from "../lib/server/page-cache/handler";
import { gracefulShutdown, shutdownTimeoutMs } from "../lib/server/shutdown";
import { mailConfigured, mailTransport } from "../lib/mail/transport";
import { MailSender } from "../lib/mail/sender";
import { PageCache } from "../lib/server/page-cache/store";
import { readDataVersion } from "../lib/server/page-cache/version";

const MB = 1024 * 1024;

async function main(): Promise<void> {
  if (process.env.NODE_ENV !== "production")
    throw new Error("scripts/serve.ts serves the production build: run it with NODE_ENV=production.");
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is not set.");
  const port = Number(process.env.PORT || 3000);
  const hostname = process.env.HOST || "127.0.0.1";
  const cacheMb = Number(process.env.PAGE_CACHE_MB ?? 64);
  if (!Number.isFinite(cacheMb) || cacheMb < 0)
    throw new Error(`PAGE_CACHE_MB must be a number of megabytes, not "${process.env.PAGE_CACHE_MB}".`);
  const renders = Number(process.env.RENDER_CONCURRENCY ?? 4);
  if (!Number.isInteger(renders) || renders < 1)
    throw new Error(`RENDER_CONCURRENCY must be a positive whole number, not "${process.env.RENDER_CONCURRENCY}".`);
  const hops = trustedProxyHops();
  const shutdownMs = shutdownTimeoutMs();
  const logger = createLogger();
  // Before Next opens Prisma's pool, so that /metrics sees it.
  watchDatabasePools();

  const app = next({ dev: false, dir: process.cwd(), hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  // A small pool of its own: one short query per cacheable request.
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 4,
    connectionTimeoutMillis: 2_000,
    query_timeout: 2_000,
  });
  pool.on("error", () => {
    // An idle connection lost (PostgreSQL restarted): the pool opens a new one when needed.
  });
  // Answers from the cache never wait; everything Next works on takes a turn.
  const render = limitConcurrency((request, response) => {
    handle(request, response).catch((error: unknown) => {
      request.log.error({ err: error }, "Next failed to answer");
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      response.end("Internal Server Error");
    });
  }, renders);
  const handler =
    cacheMb > 0
      ? withPageCache(render, {
          cache: new PageCache({ maxBytes: cacheMb * MB, maxEntryBytes: 8 * MB, maxAgeMs: 5 * 60_000 }),
          readVersion: () => readDataVersion(pool),
        })
      : render;
  const health = healthRoutes(pool);
  const metrics = createMetrics({ renderQueue: render, routeOf: routeLabeler() });
  const logRequest = requestLogger(logger, {
    trustProxy: hops > 0,
    // Set by the front door, which runs after the logger has started on the request.
    clientOf: (request) => String(request.headers[CLIENT_ADDRESS_HEADER] ?? request.socket.remoteAddress),
  });
  const readSessionSecret = sessionSecret(pool);
  const serve = frontDoor(
    (request, response) => {
      if (health.handle(request, response) || metrics.handle(request, response)) return;
      void noteSessionUser(request, readSessionSecret).then(() => handler(request, response));
    },
    { hops },
  );
  const server = createServer((request, response) => {
    logRequest(request, response);
    metrics.observe(request, response);
    serve(request, response);
  });
  // Checked now, so that a malformed SMTP_URL stops the start with its reason rather than failing every round.
  // Its own pool: the cache's has two-second timeouts, and a sender round must not take a reader's connection.
  const mailPool = mailConfigured() && mailTransport() ? new pg.Pool({ connectionString: databaseUrl, max: 1 }) : null;
  mailPool?.on("error", () => {
    // As above: a lost idle connection is replaced on the next round.
  });
  const sender = mailPool
    ? new MailSender({ db: mailPool, secret: readSessionSecret, logger, onResult: metrics.countMail })
    : null;
  sender?.start();
  if (sender) logger.info("mail: the outbox sender is running (SMTP_URL is set)");
  const cache = cacheMb > 0 ? ` (page cache ${cacheMb} MB)` : " (page cache off)";
  server.listen(port, hostname, () => logger.info(`Afterfork is listening on http://${hostname}:${port}${cache}`));

  // The app's Prisma client (lib/db.ts), created inside Next on first use.
  const appDatabase = () => (globalThis as { afterforkPrisma?: { $disconnect(): Promise<void> } }).afterforkPrisma;
  const stop = gracefulShutdown(server, {
    timeoutMs: shutdownMs,
    logger,
    startDraining: () => health.startDraining(),
    stopBackground: () => sender?.stop() ?? Promise.resolve(),
    closeResources: () => Promise.allSettled([pool.end(), mailPool?.end(), appDatabase()?.$disconnect(), app.close()]),
  });
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
