// Logs of the production server: pino, one JSON line per request (pino-http),
// readable lines when stdout is a terminal. LOG_LEVEL (default info) is
// pino's level. A request line holds time, requestId, method, path (never
// the query string), status, durationMs, cache (X-Afterfork-Cache), userId
// when a session cookie is signed in, and err for a failure; never a header,
// cookie or token.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { getToken } from "next-auth/jwt";
import type pg from "pg";
import { pino, type DestinationStream, type Logger } from "pino";
import { pinoHttp } from "pino-http";
import pretty from "pino-pretty";

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

export function createLogger(destination?: DestinationStream): Logger {
  const level = process.env.LOG_LEVEL || "info";
  if (!LEVELS.includes(level)) throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(", ")}, not "${level}".`);
  const stream = destination ?? (process.stdout.isTTY ? pretty({ colorize: true, sync: true }) : undefined);
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Belt and braces: should anything log a request's headers, these are removed.
      redact: { paths: ["headers.authorization", "headers.cookie", 'headers["set-cookie"]'], remove: true },
    },
    stream,
  );
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The proxy's X-Request-Id when there is a trusted proxy (TRUST_PROXY ≥ 1) and
 * the id is well-formed, else a new one; echoed in the response.
 */
export function requestId(request: IncomingMessage, response: ServerResponse, trusted: boolean): string {
  const given = request.headers["x-request-id"];
  const id = trusted && typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader("x-request-id", id);
  return id;
}

const signedInUsers = new WeakMap<IncomingMessage, string>();

/**
 * Notes who a request's session cookie belongs to, for its log line: the
 * cookie is a JWT sealed with the session secret, so opening it proves it
 * (a cookie revoked since still names its user). Only the cookie header is
 * handed over: next-auth would also try a Bearer header as a session.
 */
export async function noteSessionUser(request: IncomingMessage, secret: () => Promise<string | null>): Promise<void> {
  const cookie = request.headers.cookie;
  if (!cookie || !cookie.includes("next-auth.session-token")) return;
  const key = await secret().catch(() => null);
  if (!key) return;
  const token = await getToken({
    req: { cookies: parseCookies(cookie), headers: {} } as never,
    secret: key,
    logger: silentLogger,
  }).catch(() => null);
  if (token?.sub) signedInUsers.set(request, token.sub);
}
const silentLogger = { error() {}, warn() {}, debug() {} } as never;

function parseCookies(header: string): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at > 0) cookies[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return cookies;
}

/**
 * The session secret as the app reads it (lib/auth/secret.ts: NEXTAUTH_SECRET,
 * else the `auth.jwtSecret` setting, re-read every 10 s so that a rotation
 * reaches the logs too), through the server's own pool: importing that module
 * would bundle a second Prisma client into the server.
 */
export function sessionSecret(database: Pick<pg.Pool, "query">): () => Promise<string | null> {
  let cached: { secret: string | null; until: number } | null = null;
  return async () => {
    if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
    if (cached && cached.until > Date.now()) return cached.secret;
    const { rows } = await database.query<{ secret: string }>(
      "SELECT value #>> '{}' AS secret FROM settings WHERE key = 'auth.jwtSecret'",
    );
    cached = { secret: rows[0]?.secret ?? null, until: Date.now() + 10_000 };
    return cached.secret;
  };
}

function pathOf(request: IncomingMessage): string {
  return (request.url ?? "/").split("?")[0]!;
}

type ClientOf = (request: IncomingMessage) => string | undefined;

function requestFields(request: IncomingMessage, response: ServerResponse, responseTime: number, clientOf: ClientOf) {
  const cache = response.getHeader("x-afterfork-cache");
  const userId = signedInUsers.get(request);
  return {
    method: request.method,
    path: pathOf(request),
    status: response.statusCode,
    durationMs: responseTime,
    cache: typeof cache === "string" ? cache : "none",
    ...(userId ? { userId: Number(userId) } : {}),
    client: clientOf(request),
    ...(response.writableFinished ? {} : { aborted: true }),
  };
}

const PROBES = new Set(["/healthz", "/readyz", "/metrics"]);

/** Gives the request its id and logger (request.log) and logs one line when the response ends. */
export function requestLogger(
  logger: Logger,
  options: {
    /** A proxy in front (TRUST_PROXY): its X-Request-Id is kept. */
    trustProxy: boolean;
    /** The client's address as the server worked it out; the socket's peer by default. */
    clientOf?: ClientOf;
  },
) {
  const clientOf = options.clientOf ?? ((request: IncomingMessage) => request.socket.remoteAddress);
  return pinoHttp({
    logger,
    genReqId: (request, response) => requestId(request, response, options.trustProxy),
    customAttributeKeys: { reqId: "requestId", responseTime: "durationMs" },
    quietReqLogger: true,
    quietResLogger: true,
    // Probes come every few seconds from the proxy or the orchestrator: debug, unless they fail.
    customLogLevel: (request, response, error) =>
      error || response.statusCode >= 500
        ? PROBES.has(pathOf(request)) && response.statusCode === 503
          ? "warn"
          : "error"
        : PROBES.has(pathOf(request))
          ? "debug"
          : "info",
    customSuccessObject: (request, response, value: { durationMs: number }) =>
      requestFields(request, response, value.durationMs, clientOf),
    customErrorObject: (request, response, error, value: { durationMs: number }) => ({
      ...requestFields(request, response, value.durationMs, clientOf),
      err: error,
    }),
    customSuccessMessage: () => "request",
    customErrorMessage: () => "request failed",
  });
}
