import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import * as nextHeaders from "next/dist/client/components/app-router-headers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withPageCache } from "@/lib/server/page-cache/handler";
import { PageCache } from "@/lib/server/page-cache/store";

// Every request header Next reads to decide what to render (its router and
// RSC headers, server actions, interception routes, prefetches), straight
// from Next's own module so that a header Next adds shows up here, plus the
// prefetch headers browsers send. A request carrying one must neither be
// answered from the page cache nor leave its answer there for others.
const RENDERING_HEADERS: Record<string, string> = {
  ...Object.fromEntries(nextHeaders.FLIGHT_HEADERS.map((name) => [name, "1"])),
  [nextHeaders.ACTION_HEADER]: "abc",
  [nextHeaders.NEXT_URL]: "/functions",
  [nextHeaders.NEXT_IS_PRERENDER_HEADER]: "1",
  [nextHeaders.NEXT_ROUTER_STATE_TREE_HEADER]: "%5B%22%22%5D",
  purpose: "prefetch",
  "sec-purpose": "prefetch",
  accept: nextHeaders.RSC_CONTENT_TYPE_HEADER,
};

/** Stands in for Next: a variant without a CSP for any rendering header, else the page with its nonce. */
function fakeNext(request: IncomingMessage, response: ServerResponse): void {
  const variant = Object.keys(RENDERING_HEADERS).find((name) =>
    name === "accept"
      ? String(request.headers.accept ?? "").includes(nextHeaders.RSC_CONTENT_TYPE_HEADER)
      : request.headers[name] !== undefined,
  );
  if (variant) {
    response.writeHead(200, { "content-type": "text/x-component" });
    response.end(`variant for ${variant}`);
    return;
  }
  const nonce = "bm9uY2Utb2YtdGhpcy1yZW5kZXI=";
  response.writeHead(200, {
    "content-type": "text/html; charset=utf-8",
    "content-security-policy": `script-src 'nonce-${nonce}'`,
  });
  response.end(`<p>the page</p><script nonce="${nonce}">1</script>`);
}

let server: Server;
let base: string;

beforeAll(async () => {
  const cache = new PageCache({ maxBytes: 1 << 20, maxEntryBytes: 1 << 20, maxAgeMs: 60_000 });
  server = createServer(withPageCache(fakeNext, { cache, readVersion: async () => "1" }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the page cache and Next's rendering headers", () => {
  it.each(Object.entries(RENDERING_HEADERS))(
    "a request with %s is rendered, and readers still get the page",
    async (name, value) => {
      const path = `/functions/setgroups?case=${encodeURIComponent(name)}`;
      const special = await fetch(base + path, { headers: { [name]: value } });
      expect(await special.text()).toBe(`variant for ${name}`);
      expect(special.headers.get("x-afterfork-cache")).toBeNull();

      const plain = await fetch(base + path);
      expect(plain.headers.get("x-afterfork-cache")).toBe("miss");
      expect(await plain.text()).toContain("<p>the page</p>");
      const again = await fetch(base + path);
      expect(again.headers.get("x-afterfork-cache")).toBe("hit");
      expect(again.headers.get("content-security-policy")).toMatch(/nonce-/);
    },
  );

  it("answers the router's cache-busting ?_rsc= query outside the cache", async () => {
    const response = await fetch(`${base}/functions?${nextHeaders.NEXT_RSC_UNION_QUERY}=x1`);
    expect(response.headers.get("x-afterfork-cache")).toBeNull();
  });
});
