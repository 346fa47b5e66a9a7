// First-load JavaScript of a page: every script the HTML makes a current
// browser fetch before the page is interactive (<script src>, <link
// rel=modulepreload> and <link rel=preload as=script> under /_next/static/),
// each gzipped at level 9 as a server or CDN would send it, summed. Scripts
// marked nomodule (Next's legacy polyfills) are left out: browsers that run
// modules never fetch them. Chunks shared by several pages are fetched and
// compressed once.
import { gzipSync } from "node:zlib";

export interface FirstLoadJs {
  /** Sum of the gzipped sizes, in bytes. */
  gzipBytes: number;
  /** Sum of the uncompressed sizes, in bytes. */
  rawBytes: number;
  scripts: number;
}

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, "i").exec(tag)?.[1];

/** The script URLs a page references, without duplicates, in document order. */
export function scriptUrls(html: string): string[] {
  const urls = new Set<string>();
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const isScript = /^<script/i.test(tag);
    if (isScript && /\snomodule\b/i.test(tag)) continue;
    const rel = attribute(tag, "rel")?.toLowerCase();
    const as = attribute(tag, "as")?.toLowerCase();
    const url = isScript
      ? attribute(tag, "src")
      : rel === "modulepreload" || (rel === "preload" && as === "script")
        ? attribute(tag, "href")
        : undefined;
    if (url?.startsWith("/_next/static/")) urls.add(url.replace(/&amp;/g, "&"));
  }
  return [...urls];
}

const sizes = new Map<string, Promise<{ raw: number; gzip: number }>>();

async function size(url: string): Promise<{ raw: number; gzip: number }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  return { raw: body.byteLength, gzip: gzipSync(body, { level: 9 }).byteLength };
}

/** Fetches the page once and sums the gzipped size of the scripts it loads. */
export async function firstLoadJs(baseUrl: string, path: string): Promise<FirstLoadJs> {
  const response = await fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(30_000) });
  const html = await response.text();
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const urls = scriptUrls(html);
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const url of urls) {
    if (!sizes.has(url)) sizes.set(url, size(`${baseUrl}${url}`));
    const s = await sizes.get(url)!;
    gzipBytes += s.gzip;
    rawBytes += s.raw;
  }
  return { gzipBytes, rawBytes, scripts: urls.length };
}
