// At most `max` requests inside a handler at once; the rest wait their turn.
// Rendering is CPU-bound on one thread, so beyond a few in flight more only
// interleave: each holds its React tree, payload and HTML in memory at once,
// which is what drove the server's memory peaks, for no gain in throughput.
import type { IncomingMessage, ServerResponse } from "node:http";

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** Reads are dropped; a write still runs, as it would have had the client stayed (its result just has no reader). */
function goneClientRunner(handle: Handler): Handler {
  return (request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") handle(request, response);
  };
}

export function limitConcurrency(handle: Handler, max: number): Handler & { inFlight(): number; waiting(): number } {
  if (!Number.isInteger(max) || max < 1)
    throw new Error(`The concurrency limit must be a positive integer, not ${max}.`);
  let inFlight = 0;
  const queue: (() => void)[] = [];
  const runForGoneClient = goneClientRunner(handle);

  const start = (request: IncomingMessage, response: ServerResponse) => {
    // A client that left before its turn (during the async work in front of this limiter, such as the page
    // cache's version query or the session lookup) has had its "close" already: a listener added now would never
    // run and the turn would be lost for good. Nobody waits for the answer, so it takes no turn.
    if (response.closed) {
      runForGoneClient(request, response);
      return void queue.shift()?.();
    }
    inFlight++;
    // "close" comes once per response: finished, failed, or the client went away.
    response.once("close", () => {
      inFlight--;
      queue.shift()?.();
    });
    handle(request, response);
  };

  const limited = (request: IncomingMessage, response: ServerResponse) => {
    if (response.closed) return runForGoneClient(request, response);
    if (inFlight < max) return start(request, response);
    const turn = () => {
      response.off("close", leave);
      start(request, response);
    };
    // A client that leaves while waiting gives up its place.
    const leave = () => {
      const index = queue.indexOf(turn);
      if (index >= 0) queue.splice(index, 1);
    };
    response.once("close", leave);
    queue.push(turn);
  };
  return Object.assign(limited, { inFlight: () => inFlight, waiting: () => queue.length });
}
