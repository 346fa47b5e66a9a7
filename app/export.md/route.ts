import { exportMarkdown } from "@/lib/export/data";
import { publicOrigin } from "@/lib/server/http/public-origin";
import { parseExportQuery } from "@/lib/export/schema";

/** The libc-help post as text/markdown; the same options and text as the /export preview. */
export async function GET(request: Request) {
  const parsed = parseExportQuery(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.ok)
    return new Response(`${parsed.error}\n`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  const text = await exportMarkdown(parsed.query, publicOrigin(new URL(request.url).origin));
  return new Response(text, {
    headers: {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": 'inline; filename="afterfork-agreed.md"',
      "cache-control": "no-store",
    },
  });
}
