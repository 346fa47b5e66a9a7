import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { pageCacheKey } from "@/lib/server/page-cache/request";
import { PageCache, newNonce, nonceOf } from "@/lib/server/page-cache/store";

const get = (url: string, headers: Record<string, string> = {}) => pageCacheKey({ method: "GET", url, headers });

describe("pageCacheKey", () => {
  it("keys a signed-out reader's GET of a read page by path and query", () => {
    expect(get("/functions?as=unsafe&project=linted")).toBe("/functions?as=unsafe&project=linted");
    for (const url of [
      "/",
      "/functions/setgroups",
      "/functions/qsort/diff?from=1&to=2",
      "/projects/lxc",
      "/matrix",
      "/recent",
      "/recent/atom",
      "/export",
      "/export.md",
      "/audit",
      "/api/v1/functions?limit=5",
    ]) {
      expect(get(url)).toBe(url);
    }
  });

  it("leaves other pages, methods and per-user requests to Next", () => {
    for (const url of [
      "/signin",
      "/register",
      "/settings/tokens",
      "/admin",
      "/watchlist",
      "/review",
      "/functions/setgroups/edit",
      "/api/auth/session",
      "/_next/static/x.js",
      "/matrixx",
      "/exports",
    ]) {
      expect(get(url)).toBeNull();
    }
    expect(pageCacheKey({ method: "POST", url: "/functions/setgroups", headers: {} })).toBeNull();
    expect(pageCacheKey({ method: "HEAD", url: "/functions", headers: {} })).toBeNull();
    expect(get("/functions", { cookie: "theme=dark; next-auth.session-token=abc" })).toBeNull();
    expect(get("/functions", { cookie: "__Secure-next-auth.session-token.0=abc" })).toBeNull();
    expect(get("/functions", { authorization: "Bearer afk_x" })).toBeNull();
    expect(get("/functions", { rsc: "1" })).toBeNull();
    expect(get("/functions", { "next-action": "abc" })).toBeNull();
    // Other cookies (next-auth's CSRF and callback cookies among them) do not make a page personal.
    expect(get("/functions", { cookie: "next-auth.csrf-token=x; next-auth.callback-url=y" })).toBe("/functions");
  });
});

describe("PageCache", () => {
  const html = (nonce: string) => `<script nonce="${nonce}">a</script><p>é</p><script nonce="${nonce}">b</script>`;
  const rendered = (nonce: string, extra: Record<string, string> = {}) => ({
    status: 200,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": `script-src 'nonce-${nonce}'`,
      link: `</a.css>; nonce="${nonce}"`,
      date: "then",
      ...extra,
    },
    body: html(nonce),
  });

  it("answers with the body and headers it kept, under a fresh nonce everywhere", () => {
    const cache = new PageCache({ maxBytes: 1e6, maxEntryBytes: 1e6, maxAgeMs: 60_000 });
    const old = newNonce();
    expect(cache.set("/x", "7", rendered(old))).toBe(true);
    const fresh = newNonce();
    const hit = cache.get("/x", "7", fresh)!;
    expect(hit.body.toString()).toBe(html(fresh));
    expect(hit.headers["content-security-policy"]).toBe(`script-src 'nonce-${fresh}'`);
    expect(hit.headers.link).toBe(`</a.css>; nonce="${fresh}"`);
    expect(hit.headers.date).toBeUndefined();
    expect(nonceOf(hit.headers["content-security-policy"] as string)).toBe(fresh);
  });

  it("never answers under another data version, and forgets the old ones", () => {
    const cache = new PageCache({ maxBytes: 1e6, maxEntryBytes: 1e6, maxAgeMs: 60_000 });
    cache.set("/x", "7", rendered(newNonce()));
    cache.set("/y", "8", rendered(newNonce()));
    expect(cache.get("/x", "8", newNonce())).toBeUndefined();
    cache.dropOtherVersions("8");
    expect(cache.size).toBe(1);
    expect(cache.get("/y", "8", newNonce())).toBeDefined();
  });

  it("keeps only complete, shareable answers", () => {
    const cache = new PageCache({ maxBytes: 1e6, maxEntryBytes: 100, maxAgeMs: 60_000 });
    expect(cache.set("/a", "1", { ...rendered("n"), status: 404 })).toBe(false);
    expect(cache.set("/b", "1", rendered("n", { "set-cookie": "a=b" }))).toBe(false);
    expect(cache.set("/c", "1", rendered("n", { "content-encoding": "gzip" }))).toBe(false);
    expect(cache.set("/d", "1", { ...rendered("n"), body: "x".repeat(101) })).toBe(false);
    expect(cache.size).toBe(0);
  });

  it("evicts the least recently used entries beyond its size, and entries past their age", () => {
    let now = 0;
    const body = "x".repeat(400);
    const cache = new PageCache({ maxBytes: 1000, maxEntryBytes: 1000, maxAgeMs: 60_000, now: () => now });
    const page = { status: 200, headers: { "content-type": "text/plain" }, body };
    cache.set("/a", "1", page);
    cache.set("/b", "1", page);
    expect(cache.get("/a", "1", "n")).toBeDefined();
    cache.set("/c", "1", page);
    expect(cache.get("/b", "1", "n")).toBeUndefined();
    expect(cache.get("/a", "1", "n")).toBeDefined();
    expect(cache.totalBytes).toBe(800);
    now = 60_001;
    expect(cache.get("/a", "1", "n")).toBeUndefined();
    expect(cache.totalBytes).toBe(400);
  });

  it("gzips a body without a nonce once for every hit, and never one whose nonce changes per answer", async () => {
    const cache = new PageCache({ maxBytes: 1e6, maxEntryBytes: 1e6, maxAgeMs: 60_000 });
    const markdown = "# Agreed\n".repeat(300);
    cache.set("/export.md", "1", { status: 200, headers: { "content-type": "text/markdown" }, body: markdown });
    const bytesBefore = cache.totalBytes;
    const first = await cache.get("/export.md", "1", newNonce())!.gzipped!();
    const second = await cache.get("/export.md", "1", newNonce())!.gzipped!();
    expect(second).toBe(first);
    expect(gunzipSync(first).toString()).toBe(markdown);
    expect(cache.totalBytes).toBe(bytesBefore + first.length);
    cache.set("/x", "1", rendered(newNonce()));
    expect(cache.get("/x", "1", newNonce())!.gzipped).toBeUndefined();
  });
});
