import { currentActor } from "@/lib/auth/session";
import { changedWatchCount } from "@/lib/watch/data";

/**
 * The signed-in user's count of watched pages changed since they last looked, for the header's badge, which
 * lives in the root layout and so is not rendered again when the reader follows a link inside the site.
 */
export async function GET() {
  const actor = await currentActor();
  const changed = actor ? await changedWatchCount(actor.id) : 0;
  return Response.json({ changed }, { headers: { "cache-control": "private, no-store" } });
}
