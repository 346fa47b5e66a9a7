import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withPageCache } from "@/lib/server/page-cache/handler";
import { PageCache } from "@/lib/server/page-cache/store";

// A browser asks for gzip; whichever request rendered a page first (a
// client without gzip, a hard reload, the first reader after a change), it
// gets the page compressed, as it does from the cache.

const PAGE = `<html><script nonce="bm9uY2U=">1</script>${"<p>a paragraph of the page</p>".repeat(200)}</html>`;

/** Stands in for Next: headers first, then the page in pieces, as a streamed render writes it. */
function fakeNext(_request: IncomingMessage, response: ServerResponse): void {
  response.setHeader("content-security-policy", "script-src 'nonce-bm9uY2U='");
  response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  response.write(PAGE.slice(0, 1000));
  setTimeout(() => response.end(PAGE.slice(1000)), 5);
}

let server: Server;
let port: number;

beforeAll(async () => {
  const cache = new PageCache({ maxBytes: 1 << 22, maxEntryBytes: 1 << 22, maxAgeMs: 60_000 });
  server = createServer(withPageCache(fakeNext, { cache, readVersion: async () => "1" }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A raw GET (fetch would decompress without telling). */
function get(path: string, headers: Record<string, string>) {
  return new Promise<{ headers: IncomingMessage["headers"]; body: Buffer }>((resolve, reject) => {
    httpRequest({ host: "127.0.0.1", port, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on("error", reject)
      .end();
  });
}

const GZIP = { "accept-encoding": "gzip, deflate, br" };
const page = (answer: { headers: IncomingMessage["headers"]; body: Buffer }) =>
  (answer.headers["content-encoding"] === "gzip" ? gunzipSync(answer.body) : answer.body).toString("utf8");

describe("compression of cacheable pages", () => {
  it("the first reader, who rendered the page, gets it compressed", async () => {
    const first = await get("/functions/a", GZIP);
    expect(first.headers["x-afterfork-cache"]).toBe("miss");
    expect(first.headers["content-encoding"]).toBe("gzip");
    expect(page(first)).toBe(PAGE);
  });

  it("a client without gzip first does not leave browsers an uncompressed page", async () => {
    const plain = await get("/functions/b", {});
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(page(plain)).toBe(PAGE);
    const browser = await get("/functions/b", GZIP);
    expect(browser.headers["x-afterfork-cache"]).toBe("hit");
    expect(browser.headers["content-encoding"]).toBe("gzip");
    // The same page under a fresh nonce.
    expect(page(browser)).toContain("<p>a paragraph of the page</p>".repeat(200));
    expect(page(browser)).not.toContain("bm9uY2U=");
  });

  it("a hard reload is rendered again and still compressed", async () => {
    const reload = await get("/functions/a", { ...GZIP, "cache-control": "no-cache" });
    expect(reload.headers["x-afterfork-cache"]).toBe("miss");
    expect(reload.headers["content-encoding"]).toBe("gzip");
    expect(Number(reload.headers["content-length"])).toBe(reload.body.length);
    expect(page(reload)).toBe(PAGE);
  });
});
