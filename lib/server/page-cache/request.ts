// Which requests the page cache may answer: a signed-out reader's plain GET of
// a read page. Everything else (signed-in users, API clients with a token,
// the client router's RSC fetches, server actions) goes to Next every time.

/** Read pages whose signed-out rendering depends only on the URL and the data. */
const CACHEABLE_PATH =
  /^\/(?:$|functions(?:\/|$)|projects(?:\/|$)|matrix$|recent(?:\/|$)|export(?:\.md)?$|audit(?:\.csv)?$|api\/v1\/)/;

/** Request headers that make Next answer with something other than the page's HTML, or per user. */
const BYPASS_HEADERS = [
  "authorization",
  "rsc",
  "next-action",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
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
  const cookie = request.headers.cookie;
  if (cookie !== undefined && SESSION_COOKIE.test(Array.isArray(cookie) ? cookie.join("; ") : cookie)) return null;
  return request.url;
}
