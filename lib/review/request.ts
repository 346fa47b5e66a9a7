import { db, type DbClient } from "@/lib/db";
import type { RequestFacts } from "@/lib/auth/permissions";

/**
 * What the permission table needs to decide who may withdraw or reopen a
 * proposal: whether maintainers ever agreed a revision of it, and which
 * projects' needs lists name its function.
 */
export async function requestFacts(pageId: number, client: DbClient = db): Promise<RequestFacts> {
  const [agreement, page] = await Promise.all([
    client.decision.findFirst({ where: { pageId, kind: "agreed" }, select: { id: true } }),
    client.page.findUnique({
      where: { id: pageId },
      select: { agreedRevisionId: true, function: { select: { needs: { select: { projectId: true } } } } },
    }),
  ]);
  return {
    everAgreed: agreement !== null || page?.agreedRevisionId != null,
    requestedBy: page?.function?.needs.map((n) => n.projectId) ?? [],
  };
}
