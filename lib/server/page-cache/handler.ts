// Puts the page cache in front of Next's request handler (scripts/serve.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { pageCacheKey } from "./request";
import { PageCache, newNonce } from "./store";

const gzipAsync = promisify(gzip);

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

type Answer = { status: number; headers: Record<string, string | string[]>; body: Buffer };

/** Sends a whole answer, compressed (in libuv's thread pool, off the rendering thread) when the client accepts gzip. */
async function send(request: IncomingMessage, response: ServerResponse, answer: Answer, cache: string): Promise<void> {
  let body = answer.body;
  const headers: Record<string, string | string[]> = { ...answer.headers, "x-afterfork-cache": cache };
  if (body.length > 1024 && acceptsGzip(request)) {
    body = await gzipAsync(body);
    headers["content-encoding"] = "gzip";
    headers.vary = [answer.headers.vary, "Accept-Encoding"].filter(Boolean).join(", ");
  }
  headers["content-length"] = String(body.length);
  delete headers["transfer-encoding"];
  response.writeHead(answer.status, headers);
  response.end(body);
}

type Headers = Record<string, string | string[] | number | undefined>;

/**
 * Lets Next render into memory instead of the socket, then hands over what
 * it wrote: the page is kept uncompressed (its nonce can then be replaced)
 * and the first reader gets it compressed like every later one.
 */
function holdResponse(
  response: ServerResponse,
  onDone: (answer: Omit<Answer, "headers"> & { headers: Headers }) => void,
) {
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk === "string")
      chunks.push(Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  const { writeHead, write, end, flushHeaders } = response;
  const restore = () => Object.assign(response, { writeHead, write, end, flushHeaders });
  response.writeHead = ((status: number, ...rest: unknown[]) => {
    response.statusCode = status;
    const headers = rest.find((r) => typeof r === "object" && r !== null) as Headers | undefined;
    for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) response.setHeader(name, value);
    return response;
  }) as typeof response.writeHead;
  response.flushHeaders = () => {};
  response.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
    if (callback) queueMicrotask(callback);
    return true;
  }) as typeof response.write;
  response.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (typeof chunk !== "function") keep(chunk, rest[0]);
    restore();
    onDone({ status: response.statusCode, headers: response.getHeaders() as Headers, body: Buffer.concat(chunks) });
    return response;
  }) as typeof response.end;
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
    if (hit) return send(request, response, hit, "hit");
    // Rendered uncompressed, so the nonce can be found and replaced; every answer is compressed here.
    const acceptEncoding = request.headers["accept-encoding"];
    delete request.headers["accept-encoding"];
    holdResponse(response, (answer) => {
      cache.set(key, version, { ...answer, body: answer.body.toString("utf8") });
      request.headers["accept-encoding"] = acceptEncoding;
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers))
        if (value !== undefined) headers[name] = typeof value === "number" ? String(value) : value;
      void send(request, response, { status: answer.status, headers, body: answer.body }, "miss").catch(
        (error: unknown) => response.destroy(error instanceof Error ? error : new Error(String(error))),
      );
    });
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
