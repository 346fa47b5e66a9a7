import { openApiDocumentFor } from "@/lib/server/api/openapi/document";
import { publicOrigin } from "@/lib/server/http/public-origin";

export function GET(request: Request) {
  return new Response(JSON.stringify(openApiDocumentFor(publicOrigin(new URL(request.url).origin)), null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "public, max-age=300",
      "access-control-allow-origin": "*",
    },
  });
}
