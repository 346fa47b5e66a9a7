// Rendered responses kept until the data changes (or they age out), with the
// Content-Security-Policy nonce replaced by a fresh one on every answer.
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { gzip } from "node:zlib";

const gzipAsync = promisify(gzip);

export interface StoredResponse {
  status: number;
  headers: Record<string, string | string[]>;
  /** The body, encoded once, split where the nonce it was rendered with stood. */
  parts: Buffer[];
}

interface Entry extends StoredResponse {
  version: string;
  /** The nonce it was rendered with, also in headers such as CSP and Link. */
  nonce: string | undefined;
  storedAt: number;
  bytes: number;
  /** The gzipped body of an entry without a nonce (JSON, Markdown, feeds), made on the first hit that asks. */
  gzipped?: Promise<Buffer>;
}

/** A kept response as one answer gets it; `gzipped` only when the body is the same for every answer. */
export interface CachedAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  gzipped?: () => Promise<Buffer>;
}

export interface PageCacheOptions {
  /** Total size of the kept bodies; the least recently used go first. */
  maxBytes: number;
  /** Largest body kept. */
  maxEntryBytes: number;
  /** Age after which an entry is rendered again even if the data did not change. */
  maxAgeMs: number;
  now?: () => number;
}

/** Headers that belong to one response, not to the page. */
const PER_RESPONSE_HEADERS = new Set([
  "date",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "set-cookie",
  "x-afterfork-cache",
]);

/** The same form proxy.ts uses. */
export function newNonce(): string {
  return Buffer.from(randomUUID()).toString("base64");
}

export function nonceOf(csp: string | undefined): string | undefined {
  return csp ? /'nonce-([^']+)'/.exec(csp)?.[1] : undefined;
}

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly now: () => number;

  constructor(private readonly options: PageCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  /** The response kept for `key` under data version `version`, rendered with `nonce`; undefined when there is none. */
  get(key: string, version: string, nonce: string): CachedAnswer | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.version !== version || this.now() - entry.storedAt > this.options.maxAgeMs) {
      this.delete(key, entry);
      return undefined;
    }
    // Most recently used last, so eviction takes from the front.
    this.entries.delete(key);
    this.entries.set(key, entry);
    const renew = (value: string) => (entry.nonce ? value.split(entry.nonce).join(nonce) : value);
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(entry.headers))
      headers[name] = typeof value === "string" ? renew(value) : value.map(renew);
    const separator = Buffer.from(nonce);
    const pieces: Buffer[] = [];
    for (const [index, part] of entry.parts.entries()) pieces.push(...(index === 0 ? [part] : [separator, part]));
    const body = Buffer.concat(pieces);
    if (entry.nonce) return { status: entry.status, headers, body };
    // Compressed once, not on every hit: a 1.3 MB export took ~25 ms of gzip per answer.
    const gzipped = () => (entry.gzipped ??= this.compress(key, entry, body));
    return { status: entry.status, headers, body, gzipped };
  }

  private async compress(key: string, entry: Entry, body: Buffer): Promise<Buffer> {
    const compressed = await gzipAsync(body);
    if (this.entries.get(key) === entry) {
      entry.bytes += compressed.length;
      this.bytes += compressed.length;
    }
    return compressed;
  }

  /**
   * Keeps a rendered 200 response. Refused (false): other statuses, responses
   * that set a cookie or are compressed, and bodies over the size limit.
   */
  set(
    key: string,
    version: string,
    response: { status: number; headers: Record<string, string | string[] | number | undefined>; body: string },
  ): boolean {
    const { status, headers, body } = response;
    if (status !== 200 || headers["set-cookie"] !== undefined || headers["content-encoding"] !== undefined)
      return false;
    const bytes = Buffer.byteLength(body);
    if (bytes > this.options.maxEntryBytes) return false;
    const csp = headers["content-security-policy"];
    const nonce = nonceOf(typeof csp === "string" ? csp : undefined);
    const kept: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || PER_RESPONSE_HEADERS.has(name)) continue;
      kept[name] = typeof value === "number" ? String(value) : value;
    }
    const previous = this.entries.get(key);
    if (previous) this.delete(key, previous);
    this.entries.set(key, {
      version,
      status,
      headers: kept,
      nonce,
      parts: (nonce ? body.split(nonce) : [body]).map((part) => Buffer.from(part)),
      storedAt: this.now(),
      bytes,
    });
    this.bytes += bytes;
    for (const [oldKey, oldEntry] of this.entries) {
      if (this.bytes <= this.options.maxBytes) break;
      this.delete(oldKey, oldEntry);
    }
    return true;
  }

  /** Drops every entry kept under another data version: they can never be served again. */
  dropOtherVersions(version: string): void {
    for (const [key, entry] of this.entries) if (entry.version !== version) this.delete(key, entry);
  }

  private delete(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}
