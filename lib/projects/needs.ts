import type { Tx } from "@/lib/db";
import type { Priority } from "@/lib/generated/prisma/client";
import type { NeedsFields, PriorityName } from "@/lib/pages/fields";
import { onSave } from "@/lib/pages/kinds";

export const PRIORITY_TO_DB: Record<PriorityName, Priority> = {
  required: "required",
  convenient: "convenient",
  "can-work-around": "can_work_around",
};
export const PRIORITY_FROM_DB: Record<Priority, PriorityName> = {
  required: "required",
  convenient: "convenient",
  can_work_around: "can-work-around",
};

/**
 * Rewrites a project's derived needs rows from its needs page's current
 * revision. Every function a project lists is requested, whatever its
 * priority (the priority says how urgently, beside the status): functions the
 * catalog lacks are created as `proposed`, and a listed function that nobody
 * has proposed yet becomes `proposed` with an empty proposal page, so
 * maintainers see it.
 */
export async function syncNeeds(tx: Tx, projectId: number, fields: NeedsFields): Promise<void> {
  const names = fields.rows.map((row) => row.function);
  const existing = await tx.function.findMany({ where: { name: { in: names } }, select: { id: true, name: true } });
  const ids = new Map(existing.map((fn) => [fn.name, fn.id]));
  const missing = names.filter((name) => !ids.has(name));
  if (missing.length) {
    await tx.function.createMany({
      data: missing.map((name) => ({ name, status: "proposed" as const })),
      skipDuplicates: true,
    });
    const created = await tx.function.findMany({ where: { name: { in: missing } }, select: { id: true, name: true } });
    for (const fn of created) ids.set(fn.name, fn.id);
  }
  await tx.need.deleteMany({ where: { projectId } });
  await tx.need.createMany({
    data: fields.rows.map((row, position) => ({
      projectId,
      functionId: ids.get(row.function)!,
      priority: PRIORITY_TO_DB[row.priority],
      rationale: row.rationale,
      context: row.context,
      position,
    })),
  });
  const listedIds = fields.rows.map((row) => ids.get(row.function)!);
  const now = new Date();
  await tx.function.updateMany({
    where: { id: { in: listedIds }, status: "unrequested" },
    data: { status: "proposed", statusChangedAt: now, updatedAt: now },
  });
  const withoutPage = await tx.function.findMany({
    where: { id: { in: listedIds }, page: null },
    select: { id: true },
  });
  if (withoutPage.length) {
    await tx.page.createMany({
      data: withoutPage.map((fn) => ({ kind: "proposal" as const, functionId: fn.id })),
      skipDuplicates: true,
    });
  }
}

onSave("needs", async (tx, page, fields) => {
  if (page.projectId !== null) await syncNeeds(tx, page.projectId, fields);
});
