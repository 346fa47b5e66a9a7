import { projectPageRef } from "@/lib/pages/refs";
import { pageHistoryFeed } from "@/lib/recent/page-feed";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return pageHistoryFeed(request, await projectPageRef((await params).slug));
}
