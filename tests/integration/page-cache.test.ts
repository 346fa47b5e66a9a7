import { createServer, get, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { withPageCache } from "@/lib/server/page-cache/handler";
import { PageCache, newNonce } from "@/lib/server/page-cache/store";
import { readDataVersion } from "@/lib/server/page-cache/version";
import { seed } from "@/lib/seed";

let pool: pg.Pool;
let server: Server;
let base: string;
let renders = 0;
let failVersion = false;

/** Stands in for Next: renders a function's status from the database with a per-request nonce, as proxy.ts and React do. */
async function render(request: IncomingMessage, response: ServerResponse): Promise<void> {
  renders++;
  const name = decodeURIComponent(new URL(request.url!, "http://x").pathname.split("/")[2] ?? "");
  const fn = await db.function.findUnique({ where: { name } });
  if (!fn) {
    response.writeHead(404).end("no such function");
    return;
  }
  const nonce = newNonce();
  response.setHeader("content-security-policy", `script-src 'nonce-${nonce}'`);
  response.setHeader("content-type", "text/html; charset=utf-8");
  response.write(`<h1>${fn.name}</h1>`);
  response.end(`<p>${fn.status}</p><script nonce="${nonce}">1</script><p>${"padding ".repeat(200)}</p>`);
}

async function fetchPage(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, { headers });
  return {
    status: response.status,
    cache: response.headers.get("x-afterfork-cache"),
    csp: response.headers.get("content-security-policy"),
    body: await response.text(),
  };
}

const version = () => readDataVersion(pool);

/** A GET as sent, without fetch's own Accept-Encoding and decompression. */
function rawGet(path: string, headers: Record<string, string>) {
  return new Promise<{ headers: IncomingMessage["headers"]; body: Buffer }>((resolve, reject) => {
    get(`${base}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
}

beforeAll(async () => {
  await seed(db);
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  const cache = new PageCache({ maxBytes: 1e6, maxEntryBytes: 1e6, maxAgeMs: 60_000 });
  server = createServer(
    withPageCache(render, {
      cache,
      readVersion: () => (failVersion ? Promise.reject(new Error("connection refused")) : version()),
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await pool.end();
});

describe("data_version", () => {
  it("moves once per committed transaction, however many rows it writes", async () => {
    const before = BigInt(await version());
    await db.$transaction([
      db.function.update({ where: { name: "chdir" }, data: { estimateKind: "syscall stub" } }),
      db.function.update({ where: { name: "dup2" }, data: { estimateKind: "syscall stub" } }),
      db.function.update({ where: { name: "getpid" }, data: { estimateKind: "syscall stub" } }),
    ]);
    expect(BigInt(await version())).toBe(before + 1n);
  });

  it("does not move for reads, rolled-back writes, or writes not yet committed", async () => {
    const before = await version();
    await db.function.findMany({ take: 5 });
    await expect(
      db.$transaction(async (tx) => {
        await tx.function.update({ where: { name: "chdir" }, data: { estimateKind: "complex" } });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await version()).toBe(before);

    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query(`UPDATE "functions" SET "estimate_kind" = 'complex' WHERE "name" = 'chdir'`);
      await client.query(`SET CONSTRAINTS ALL IMMEDIATE`);
      // Even with the bump forced early inside the transaction, others see the old value until it commits.
      expect(await version()).toBe(before);
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    expect(BigInt(await version())).toBe(BigInt(before) + 1n);
  });
});

describe("the page cache in front of a renderer", () => {
  it("renders once, then answers from memory under a fresh nonce until the data changes", async () => {
    renders = 0;
    const first = await fetchPage("/functions/setgroups");
    const second = await fetchPage("/functions/setgroups");
    expect([first.cache, second.cache]).toEqual(["miss", "hit"]);
    expect(renders).toBe(1);
    expect(second.body.replace(/nonce="[^"]+"/, "")).toBe(first.body.replace(/nonce="[^"]+"/, ""));
    const nonce = /'nonce-([^']+)'/.exec(second.csp!)![1]!;
    expect(second.body).toContain(`nonce="${nonce}"`);
    expect(first.csp).not.toBe(second.csp);

    await db.function.update({ where: { name: "setgroups" }, data: { status: "rejected" } });
    const afterWrite = await fetchPage("/functions/setgroups");
    expect(afterWrite.cache).toBe("miss");
    expect(afterWrite.body).toContain("<p>rejected</p>");
    expect((await fetchPage("/functions/setgroups")).cache).toBe("hit");
    expect(renders).toBe(2);
  });

  it("renders every time for signed-in users, hard reloads, errors, and when the database cannot say its version", async () => {
    await fetchPage("/functions/mount");
    renders = 0;
    expect((await fetchPage("/functions/mount", { cookie: "next-auth.session-token=x" })).cache).toBeNull();
    expect((await fetchPage("/functions/mount", { "cache-control": "no-cache" })).cache).toBe("miss");
    expect((await fetchPage("/functions/no-such-function")).status).toBe(404);
    expect((await fetchPage("/functions/no-such-function")).cache).toBe("miss");
    failVersion = true;
    try {
      expect((await fetchPage("/functions/mount")).cache).toBe("bypass");
    } finally {
      failVersion = false;
    }
    expect(renders).toBe(5);
  });

  it("compresses the first reader's copy too, and keeps it uncompressed for clients without gzip", async () => {
    const first = await rawGet("/functions/chroot", { "accept-encoding": "gzip" });
    expect(first.headers["x-afterfork-cache"]).toBe("miss");
    expect(first.headers["content-encoding"]).toBe("gzip");
    expect(first.headers.vary).toMatch(/Accept-Encoding/);
    const page = gunzipSync(first.body).toString();
    expect(page).toContain("<h1>chroot</h1>");
    const plain = await rawGet("/functions/chroot", {});
    expect(plain.headers["x-afterfork-cache"]).toBe("hit");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString().replace(/nonce="[^"]*"/g, "")).toBe(page.replace(/nonce="[^"]*"/g, ""));
    const again = await rawGet("/functions/chroot", { "accept-encoding": "gzip" });
    expect(again.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(again.body).toString()).toContain("<h1>chroot</h1>");
  });

  it("compresses what it answers from memory for clients that accept gzip", async () => {
    await fetchPage("/functions/umount2");
    const { headers, body } = await rawGet("/functions/umount2", { "accept-encoding": "gzip, br" });
    expect(headers["x-afterfork-cache"]).toBe("hit");
    expect(headers["content-encoding"]).toBe("gzip");
    expect(headers.vary).toMatch(/Accept-Encoding/);
    expect(Number(headers["content-length"])).toBe(body.length);
    expect(gunzipSync(body).toString()).toContain("<h1>umount2</h1>");
  });
});
