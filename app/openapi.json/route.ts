import { openApiDocumentFor } from "@/lib/server/api/openapi";
import { siteOrigin } from "@/lib/recent/origin";

export function GET(request: Request) {
  return new Response(JSON.stringify(openApiDocumentFor(siteOrigin(request)), null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "public, max-age=300",
      "access-control-allow-origin": "*",
    },
  });
}
