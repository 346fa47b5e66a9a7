import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { limitConcurrency } from "@/lib/server/http/concurrency-limit";

async function withServer(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
  run: (base: string) => Promise<void>,
) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe("limitConcurrency", () => {
  it("lets at most `max` requests into the handler at once and serves every one", async () => {
    let current = 0;
    let highest = 0;
    const limited = limitConcurrency((_request, response) => {
      current++;
      highest = Math.max(highest, current);
      setTimeout(() => {
        current--;
        response.end("done");
      }, 20);
    }, 2);
    await withServer(limited, async (base) => {
      const bodies = await Promise.all(Array.from({ length: 9 }, () => fetch(base).then((r) => r.text())));
      expect(bodies).toEqual(Array(9).fill("done"));
    });
    expect(highest).toBe(2);
    expect(limited.inFlight()).toBe(0);
    expect(limited.waiting()).toBe(0);
  });

  it("frees the turn of a client that goes away, waiting or served", async () => {
    const held: ServerResponse[] = [];
    const limited = limitConcurrency((_request, response) => {
      held.push(response);
    }, 1);
    await withServer(limited, async (base) => {
      const first = new AbortController();
      const second = new AbortController();
      void fetch(base, { signal: first.signal }).catch(() => undefined);
      await expect.poll(() => limited.inFlight()).toBe(1);
      void fetch(base, { signal: second.signal }).catch(() => undefined);
      await expect.poll(() => limited.waiting()).toBe(1);
      second.abort();
      await expect.poll(() => limited.waiting()).toBe(0);
      first.abort();
      await expect.poll(() => limited.inFlight()).toBe(0);
      // The next request gets in at once.
      const third = fetch(base);
      await expect.poll(() => held.length).toBe(2);
      held[1]!.end("third");
      expect(await (await third).text()).toBe("third");
    });
  });

  it("loses no turn to clients that left during async work in front of it, and still runs their writes", async () => {
    const writes: string[] = [];
    const limited = limitConcurrency((request, response) => {
      if (request.method === "POST") writes.push(request.url ?? "");
      setTimeout(() => response.end("done"), 20);
    }, 2);
    // As in scripts/serve.ts: the page cache's version query or the session lookup comes before the limiter.
    const behindAsyncWork = (request: IncomingMessage, response: ServerResponse) =>
      void setTimeout(() => limited(request, response), 150);
    await withServer(behindAsyncWork, async (base) => {
      const gone = Array.from({ length: 5 }, (_, i) => {
        const controller = new AbortController();
        const method = i === 0 ? "POST" : "GET";
        const sent = fetch(`${base}/gone-${i}`, { method, signal: controller.signal }).catch(() => undefined);
        setTimeout(() => controller.abort(), 30);
        return sent;
      });
      await Promise.all(gone);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const answer = await fetch(base, { signal: AbortSignal.timeout(2_000) }).then((r) => r.text());
      expect(answer).toBe("done");
    });
    expect(writes).toEqual(["/gone-0"]);
    expect(limited.inFlight()).toBe(0);
  });

  it("refuses a limit that is not a positive whole number", () => {
    expect(() => limitConcurrency(() => undefined, 0)).toThrow(/positive integer/);
  });
});
