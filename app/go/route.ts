import { goToFunctionPath } from "@/lib/functions/data";

/** The header's "Go to function" box submits here (a plain GET form, so it works without JavaScript too). */
export async function GET(request: Request) {
  const location = await goToFunctionPath(new URL(request.url).searchParams.get("name") ?? "");
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
}
