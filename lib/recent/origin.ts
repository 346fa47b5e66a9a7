/** The site's public origin for absolute links in feeds: NEXTAUTH_URL, else the request's own. */
export function siteOrigin(request: Request): string {
  return process.env.NEXTAUTH_URL ? new URL(process.env.NEXTAUTH_URL).origin : new URL(request.url).origin;
}
