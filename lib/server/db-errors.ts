// PostgreSQL is down, restarting or out of connections: the request may be
// retried; nothing it tried to write was committed.
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "08000", // connection_exception
  "08003", // connection_does_not_exist
  "08006", // connection_failure
  "53300", // too_many_connections
  "P1001", // Prisma: can't reach database server
  "P1017", // Prisma: server closed the connection
  "P2024", // Prisma: timed out fetching a connection
]);

const UNAVAILABLE_MESSAGES = new RegExp(
  [
    "ECONNREFUSED",
    "ECONNRESET",
    "Connection terminated",
    "terminating connection",
    "the database system is (starting up|shutting down|in recovery mode)",
    "Can't reach database server",
    "Server has closed the connection",
    "Timed out fetching a new connection",
    "timeout exceeded when trying to connect",
    "is not queryable",
    "DatabaseNotReachable",
    "ConnectionClosed",
    "SocketTimeout",
  ].join("|"),
  "i",
);

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; kind?: unknown; originalCode?: unknown };
  if (typeof e.code === "string" && UNAVAILABLE_CODES.has(e.code)) return true;
  if (typeof e.originalCode === "string" && UNAVAILABLE_CODES.has(e.originalCode)) return true;
  if (typeof e.kind === "string" && UNAVAILABLE_MESSAGES.test(e.kind)) return true;
  if (typeof e.message === "string" && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
