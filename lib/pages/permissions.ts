import { db } from "@/lib/db";
import type { Permission } from "@/lib/auth/permissions";

/** The permission an edit of this page needs (decided in lib/auth/permissions). */
export function editPermissionFor(page: { kind: "proposal" | "needs"; projectId: number | null }): Permission {
  return page.kind === "needs"
    ? { action: "needs.edit", projectId: page.projectId ?? -1 }
    : { action: "proposal.suggest" };
}

export async function editPermissionForPage(pageId: number): Promise<Permission> {
  const page = await db.page.findUnique({ where: { id: pageId }, select: { kind: true, projectId: true } });
  // An unknown page needs a permission nobody has, so the request is refused like any other.
  return page ? editPermissionFor(page) : { action: "needs.edit", projectId: -1 };
}
