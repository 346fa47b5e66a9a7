import { db } from "@/lib/db";
import { atomFeed, atomResponse } from "@/lib/recent/feed";
import { siteOrigin } from "@/lib/recent/origin";
import { feedTokenOwner, watchlistChanges } from "@/lib/watch/watchlist";

/** A user's personal watchlist feed; the secret token in the URL stands for the user and can be revoked. */
export async function GET(request: Request) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const userId = token ? await feedTokenOwner(token) : null;
  if (!userId) return new Response("This feed URL is unknown or revoked.", { status: 404 });
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } });
  const { items } = await watchlistChanges(userId);
  return atomResponse(
    atomFeed({
      title: `Afterfork: ${user.name}'s watchlist`,
      selfPath: "/watchlist/atom",
      htmlPath: "/watchlist",
      origin: siteOrigin(request),
      items,
    }),
  );
}
