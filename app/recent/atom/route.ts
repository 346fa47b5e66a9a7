import { recentChanges } from "@/lib/recent/data";
import { atomFeed, atomResponse } from "@/lib/recent/feed";
import { publicOrigin } from "@/lib/server/http/public-origin";
import { parseRecentQuery } from "@/lib/recent/schema";

export async function GET(request: Request) {
  const url = new URL(request.url);
  const query = parseRecentQuery(Object.fromEntries(url.searchParams));
  const { items } = await recentChanges({ ...query, page: 1 });
  return atomResponse(
    atomFeed({
      title: "Afterfork: recent changes",
      selfPath: `/recent/atom${url.search}`,
      htmlPath: `/recent${url.search}`,
      origin: publicOrigin(new URL(request.url).origin),
      items,
    }),
  );
}
