import { db } from "@/lib/db";
import type { ExistingPage } from "@/lib/pages/refs";
import { atomFeed, atomResponse } from "@/lib/recent/feed";
import { publicOrigin } from "@/lib/server/http/public-origin";

/** Atom feed of one page's history: its latest 50 revisions. */
export async function pageHistoryFeed(request: Request, page: ExistingPage | null): Promise<Response> {
  if (!page) return new Response("No such page.", { status: 404 });
  const revisions = await db.revision.findMany({
    where: { pageId: page.pageId },
    orderBy: { number: "desc" },
    take: 50,
    include: { author: { select: { name: true } } },
  });
  const items = revisions.map((r) => ({
    kind: "edit" as const,
    id: r.id,
    at: r.createdAt,
    userId: r.authorId,
    userName: r.author.name,
    pageId: page.pageId,
    functionName: page.functionName,
    projectSlug: page.projectSlug,
    projectName: page.projectName,
    revisionNumber: r.number,
    detail: r.summary,
    body: null,
  }));
  return atomResponse(
    atomFeed({
      title: `Afterfork: history of ${page.title}`,
      selfPath: `${page.basePath}/history/atom`,
      htmlPath: `${page.basePath}/history`,
      origin: publicOrigin(new URL(request.url).origin),
      items,
    }),
  );
}
