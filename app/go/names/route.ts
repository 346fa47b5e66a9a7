import { listFunctionNames } from "@/lib/functions/data";

/**
 * Every catalog name for the "Go to function" box's completion, fetched when the box is first focused so that
 * no page carries the whole catalog. Browsers keep it five minutes: a new name shows up a little late.
 */
export async function GET() {
  return Response.json(await listFunctionNames(), { headers: { "cache-control": "private, max-age=300" } });
}
