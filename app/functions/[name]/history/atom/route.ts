import { functionPageRef } from "@/lib/pages/refs";
import { pageHistoryFeed } from "@/lib/recent/page-feed";

export async function GET(request: Request, { params }: { params: Promise<{ name: string }> }) {
  return pageHistoryFeed(request, await functionPageRef(decodeURIComponent((await params).name)));
}
