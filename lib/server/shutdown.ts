// Graceful shutdown of the production server on SIGTERM or SIGINT: stop
// accepting connections (a proxy then sends new requests to another
// instance), mark /readyz as draining, let the requests in flight finish for
// up to SHUTDOWN_TIMEOUT_S seconds (default 10), close what the server holds
// open (database pools, Next) and exit 0. Background work (the mail sender) stops at the signal and finishes
// its round before the pools close.
import type { Server } from "node:http";
import type { Logger } from "pino";

export function shutdownTimeoutMs(value = process.env.SHUTDOWN_TIMEOUT_S): number {
  if (value === undefined || value.trim() === "") return 10_000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new Error(`SHUTDOWN_TIMEOUT_S must be a number of seconds (0 or more), not "${value}".`);
  return seconds * 1000;
}

export interface ShutdownOptions {
  timeoutMs: number;
  logger: Logger;
  /** Called first: /readyz answers 503 from now on. */
  startDraining: () => void;
  /** Closes pools and the like once no request is left; bounded by the same timeout. */
  closeResources: () => Promise<unknown>;
  /** Stops work of the server's own (the mail sender) at the signal; resources close once it has. */
  stopBackground?: () => Promise<unknown>;
  exit?: (code: number) => void;
}

/** Returns the signal handler; call it once per signal. */
export function gracefulShutdown(server: Server, options: ShutdownOptions): (signal: NodeJS.Signals) => void {
  const {
    timeoutMs,
    logger,
    startDraining,
    closeResources,
    stopBackground,
    exit = (code) => process.exit(code),
  } = options;
  let draining = false;
  let inFlight = 0;
  server.on("request", (_request, response) => {
    inFlight++;
    // While draining, a keep-alive connection is closed as soon as its response is done.
    if (draining) response.shouldKeepAlive = false;
    response.once("close", () => {
      inFlight--;
      if (draining) setImmediate(() => server.closeIdleConnections());
    });
  });

  return (signal) => {
    if (draining) {
      logger.warn({ signal, inFlight }, "already shutting down");
      return;
    }
    draining = true;
    startDraining();
    const background = Promise.resolve(stopBackground?.()).catch((error: unknown) =>
      logger.error({ err: error }, "stopping background work failed"),
    );
    const started = Date.now();
    logger.info({ signal, inFlight, timeoutMs }, "shutting down: no new connections, finishing requests in flight");
    const deadline = setTimeout(() => {
      logger.warn({ inFlight }, "shutdown timeout: closing the connections still open");
      server.closeAllConnections();
    }, timeoutMs);
    deadline.unref();
    server.close(() => {
      clearTimeout(deadline);
      const bound = new Promise((resolve) => setTimeout(resolve, Math.max(timeoutMs, 1000)).unref());
      void Promise.race([background.then(closeResources), bound])
        .catch((error: unknown) => logger.error({ err: error }, "closing resources failed"))
        .finally(() => {
          logger.info({ durationMs: Date.now() - started }, "stopped");
          logger.flush();
          exit(0);
        });
    });
    server.closeIdleConnections();
  };
}
