/**
 * The site's public origin for absolute links (permalinks, feeds, the
 * OpenAPI document, mail): NEXTAUTH_URL, else the address the production
 * server was started on (HOST and PORT). Never the request's Host or
 * X-Forwarded-Host: pages with links are kept in the page cache and served
 * to everyone, so one request must not be able to choose their links.
 * Only the dev server, which has no cache, falls back to the request's own.
 */
export function publicOrigin(requestOrigin?: string): string {
  if (process.env.NEXTAUTH_URL) return new URL(process.env.NEXTAUTH_URL).origin;
  if (process.env.NODE_ENV === "production" || !requestOrigin) {
    return `http://${process.env.HOST || "127.0.0.1"}:${process.env.PORT || 3000}`;
  }
  return requestOrigin;
}
