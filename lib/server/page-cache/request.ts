// Which requests the page cache may answer: a signed-out reader's plain GET of
// a read page. Everything else (signed-in users, API clients with a token,
// the client router's RSC fetches, server actions) goes to Next every time.
import {
  ACTION_HEADER,
  FLIGHT_HEADERS,
  NEXT_IS_PRERENDER_HEADER,
  NEXT_RSC_UNION_QUERY,
  NEXT_URL,
  RSC_CONTENT_TYPE_HEADER,
} from "next/dist/client/components/app-router-headers.js";

/** Read pages whose signed-out rendering depends only on the URL and the data. */
const CACHEABLE_PATH =
  /^\/(?:$|functions(?:\/|$)|projects(?:\/|$)|matrix$|recent(?:\/|$)|export(?:\.md)?$|audit(?:\.csv)?$|api\/v1\/)/;

/**
 * Request headers that change what Next renders (its own list of router and
 * RSC headers, server actions, the interception route's Next-Url, prefetches,
 * which the proxy answers without a Content-Security-Policy) or make the
 * answer personal. A request with any of them is never answered from the
 * cache nor stored in it.
 */
export const BYPASS_HEADERS = [
  "authorization",
  ...FLIGHT_HEADERS,
  ACTION_HEADER,
  NEXT_URL,
  NEXT_IS_PRERENDER_HEADER,
  "purpose",
  "sec-purpose",
  "x-purpose",
  "x-moz",
];

/** next-auth's session cookie, plain or `__Secure-`, possibly split into numbered chunks. */
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?next-auth\.session-token(?:\.\d+)?=/;

export interface RequestLike {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}

/** The cache key (path and query) when the request may be answered from the cache, else null. */
export function pageCacheKey(request: RequestLike): string | null {
  if (request.method !== "GET" || !request.url) return null;
  const path = request.url.split("?", 1)[0]!;
  if (!CACHEABLE_PATH.test(path) || path.includes("/edit")) return null;
  if (BYPASS_HEADERS.some((name) => request.headers[name] !== undefined)) return null;
  // An RSC payload asked for by Accept or by the router's cache-busting query is not the page's HTML.
  if (String(request.headers.accept ?? "").includes(RSC_CONTENT_TYPE_HEADER)) return null;
  if (new URLSearchParams(request.url.split("?")[1] ?? "").has(NEXT_RSC_UNION_QUERY)) return null;
  const cookie = request.headers.cookie;
  if (cookie !== undefined && SESSION_COOKIE.test(Array.isArray(cookie) ? cookie.join("; ") : cookie)) return null;
  return request.url;
}
