import { atomFeed, atomResponse } from "@/lib/recent/feed";
import { publicOrigin } from "@/lib/server/http/public-origin";
import { feedTokenOwner, watchlistChanges } from "@/lib/watch/data";

/** A user's personal watchlist feed; the secret token in the URL stands for the user and can be revoked. */
export async function GET(request: Request) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const user = token ? await feedTokenOwner(token) : null;
  if (!user) return new Response("This feed URL is unknown or revoked.", { status: 404 });
  const { items } = await watchlistChanges(user.id);
  return atomResponse(
    atomFeed({
      title: `Afterfork: ${user.name}'s watchlist`,
      selfPath: "/watchlist/atom",
      htmlPath: "/watchlist",
      origin: publicOrigin(new URL(request.url).origin),
      items,
    }),
  );
}
