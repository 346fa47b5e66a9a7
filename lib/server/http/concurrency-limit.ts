// At most `max` requests inside a handler at once; the rest wait their turn.
// Rendering is CPU-bound on one thread, so beyond a few in flight more only
// interleave: each holds its React tree, payload and HTML in memory at once,
// which is what drove the server's memory peaks, for no gain in throughput.
import type { IncomingMessage, ServerResponse } from "node:http";

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export function limitConcurrency(handle: Handler, max: number): Handler & { inFlight(): number; waiting(): number } {
  if (!Number.isInteger(max) || max < 1)
    throw new Error(`The concurrency limit must be a positive integer, not ${max}.`);
  let inFlight = 0;
  const queue: (() => void)[] = [];

  const start = (request: IncomingMessage, response: ServerResponse) => {
    inFlight++;
    // "close" comes once per response: finished, failed, or the client went away.
    response.once("close", () => {
      inFlight--;
      queue.shift()?.();
    });
    handle(request, response);
  };

  const limited = (request: IncomingMessage, response: ServerResponse) => {
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
