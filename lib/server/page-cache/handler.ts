// Puts the page cache in front of Next's request handler (scripts/serve.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import compression from "compression";
import { pageCacheKey } from "./request";
import { PageCache, newNonce, type CachedAnswer } from "./store";

const gzipAsync = promisify(gzip);
// The first reader of a page is compressed on the way out as Next's own compression would have done.
const compressMiss = compression({ threshold: 1024 });

type Handle = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

export interface PageCacheHandlerOptions {
  cache: PageCache;
  /** The committed data version; a failure (database down) sends the request to Next uncached. */
  readVersion: () => Promise<string>;
}

function acceptsGzip(request: IncomingMessage): boolean {
  const accept = request.headers["accept-encoding"];
  return typeof accept === "string" && /\bgzip\b/.test(accept);
}

function wantsFreshCopy(request: IncomingMessage): boolean {
  const cacheControl = request.headers["cache-control"];
  return (
    (typeof cacheControl === "string" && /\bno-cache\b/i.test(cacheControl)) || request.headers.pragma === "no-cache"
  );
}

async function sendCached(request: IncomingMessage, response: ServerResponse, hit: CachedAnswer): Promise<void> {
  let body = hit.body;
  const headers: Record<string, string | string[]> = { ...hit.headers, "x-afterfork-cache": "hit" };
  if (body.length > 1024 && acceptsGzip(request)) {
    // In libuv's thread pool, not on the thread that renders pages; once per entry when no nonce varies it.
    body = await (hit.gzipped ? hit.gzipped() : gzipAsync(body));
    headers["content-encoding"] = "gzip";
    headers.vary = [hit.headers.vary, "Accept-Encoding"].filter(Boolean).join(", ");
  }
  headers["content-length"] = String(body.length);
  response.writeHead(hit.status, headers);
  response.end(body);
}

type Captured = { status: number; headers: Record<string, string | string[] | number | undefined>; body: string };

/**
 * Collects what Next writes, uncompressed, with the headers as Next set them (before compression adds its own),
 * to keep them once the response has finished. Patched on top of compression's hooks, so it sees Next's bytes.
 */
function capture(response: ServerResponse, onFinish: (captured: Captured) => void): void {
  const chunks: Buffer[] = [];
  let headers: Captured["headers"] = {};
  const keep = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk === "string")
      chunks.push(Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  const writeHead = response.writeHead.bind(response);
  const write = response.write.bind(response);
  const end = response.end.bind(response);
  // writeHead's own headers are set first, so that the snapshot has them and compression's hook sees them.
  response.writeHead = ((status: number, ...rest: unknown[]) => {
    const message = typeof rest[0] === "string" ? rest[0] : undefined;
    const fields = rest.find((arg) => typeof arg === "object" && arg !== null);
    if (Array.isArray(fields))
      for (let i = 0; i + 1 < fields.length; i += 2) response.setHeader(String(fields[i]), fields[i + 1] as string);
    else if (fields)
      for (const [name, value] of Object.entries(fields))
        if (value !== undefined) response.setHeader(name, value as string | string[]);
    headers = { ...response.getHeaders() };
    return message === undefined ? writeHead(status) : writeHead(status, message);
  }) as typeof response.writeHead;
  response.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof response.write;
  response.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (typeof chunk !== "function") keep(chunk, rest[0]);
    return (end as (...args: unknown[]) => ServerResponse)(chunk, ...rest);
  }) as typeof response.end;
  response.once("finish", () =>
    onFinish({ status: response.statusCode, headers, body: Buffer.concat(chunks).toString("utf8") }),
  );
}

export function withPageCache(
  handle: Handle,
  { cache, readVersion }: PageCacheHandlerOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  let latest = -1n;
  const serve = async (request: IncomingMessage, response: ServerResponse) => {
    const key = pageCacheKey(request);
    if (key === null) return handle(request, response);
    let version: string;
    try {
      version = await readVersion();
    } catch {
      response.setHeader("x-afterfork-cache", "bypass");
      return handle(request, response);
    }
    if (BigInt(version) > latest) {
      latest = BigInt(version);
      cache.dropOtherVersions(version);
    }
    // A hard reload (Cache-Control: no-cache) renders the page again, as it asks of any cache.
    const hit = wantsFreshCopy(request) ? undefined : cache.get(key, version, newNonce());
    if (hit) return sendCached(request, response, hit);
    // Rendered uncompressed, so the nonce can be found and replaced in what is kept; hits are compressed above,
    // and this first answer by compression's middleware, which alone still sees that the client accepts gzip.
    const gzipToClient = acceptsGzip(request);
    delete request.headers["accept-encoding"];
    response.setHeader("x-afterfork-cache", "miss");
    if (gzipToClient) {
      // compression's types are Express's; it reads only the method and headers of a request.
      type Middleware = Parameters<typeof compressMiss>;
      const negotiation = { method: request.method, headers: { "accept-encoding": "gzip" } };
      compressMiss(negotiation as unknown as Middleware[0], response as unknown as Middleware[1], () => {});
    }
    capture(response, (captured) => cache.set(key, version, captured));
    return handle(request, response);
  };
  return (request, response) => {
    void Promise.resolve(serve(request, response)).catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      response.end("Internal Server Error");
    });
  };
}
