"use server";

import { redirect } from "next/navigation";
import { ActionError, safeAction } from "@/lib/server/actions/safe-action";
import { db } from "@/lib/db";
import { saveEdit } from "@/lib/pages/editing";
import { editPermissionForPage } from "@/lib/pages/permissions";
import { pageRefById } from "@/lib/pages/refs";
import { ensureProposalPage } from "@/lib/pages/revisions";
import { restoreRevision, RevertError, undoRevision } from "@/lib/pages/revert";
import { revisionActionSchema, saveProposalSchema } from "@/lib/pages/schema";

export const saveProposalAction = safeAction(
  { schema: saveProposalSchema, permission: () => ({ action: "proposal.suggest" }), rateLimitPerMinute: 30 },
  async (input, actor) => {
    const fn = await db.function.findUnique({ where: { name: input.functionName } });
    if (!fn) throw new ActionError("That function is not in the catalog.");
    const page = await ensureProposalPage(db, fn.id);
    const { guarantee, implementationKind, implementationNote, asSafety } = input;
    const outcome = await saveEdit({
      pageId: page.id,
      baseRevisionId: input.baseRevisionId,
      authorId: actor!.id,
      summary: input.summary,
      text: input.text,
      fields: { guarantee, implementationKind, implementationNote, asSafety },
    });
    if ("conflict" in outcome) return outcome.conflict;
    redirect(`/functions/${encodeURIComponent(fn.name)}${outcome.saved.merged ? "?merged=1" : ""}`);
  },
);

async function revert(
  kind: "restore" | "undo",
  input: { pageId: number; number: number },
  actorId: number,
): Promise<never> {
  const ref = await pageRefById(input.pageId);
  if (!ref) throw new ActionError("That page no longer exists.");
  try {
    await (kind === "restore" ? restoreRevision : undoRevision)(input.pageId, input.number, actorId);
  } catch (error) {
    if (error instanceof RevertError) throw new ActionError(error.message);
    throw error;
  }
  redirect(`${ref.basePath}/history`);
}

const revertOptions = {
  schema: revisionActionSchema,
  permission: (input: { pageId: number }) => editPermissionForPage(input.pageId),
  rateLimitPerMinute: 30,
};

export const restoreRevisionAction = safeAction(revertOptions, async (input, actor) =>
  revert("restore", input, actor!.id),
);
export const undoRevisionAction = safeAction(revertOptions, async (input, actor) => revert("undo", input, actor!.id));
