const PROBE_ORIGIN = "http://afterfork.invalid";

/**
 * `value` as a path on this site, or `fallback`. Browsers read `/\evil.example`
 * and `/\t/evil.example` as other sites, so the check is the URL parser's
 * own answer rather than a look at the first characters: whatever does not
 * resolve to this origin is refused, and what does is rewritten as the
 * parser normalised it.
 */
export function sameOriginPath(value: unknown, fallback = "/"): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== "string" || !raw.startsWith("/") || raw.length > 2000) return fallback;
  let url: URL;
  try {
    url = new URL(raw, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("//") ? fallback : path;
}

/** next-auth's redirect callback: only this site's own URLs, as paths on its base URL. */
export function sameOriginRedirect(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  let target: URL;
  try {
    target = new URL(url, base);
  } catch {
    return baseUrl;
  }
  if (target.origin !== base.origin) return baseUrl;
  return `${base.origin}${sameOriginPath(`${target.pathname}${target.search}${target.hash}`)}`;
}
