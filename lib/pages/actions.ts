"use server";

import "@/lib/server/page-hooks";
import { redirect } from "next/navigation";
import { ActionError, safeAction } from "@/lib/server/actions/safe-action";
import { editPage } from "@/lib/pages/editing";
import { formStateOf } from "@/lib/pages/form-outcome";
import { describeFunctionPage, editPermissionForPage, pageRefById } from "@/lib/pages/refs";
import { restoreRevision, RevertError, undoRevision } from "@/lib/pages/revert";
import { revisionActionSchema, saveProposalSchema } from "@/lib/pages/schema";

export const saveProposalAction = safeAction(
  { schema: saveProposalSchema, permission: () => ({ action: "proposal.suggest" }), rateLimitPerMinute: 30 },
  async (input, actor) => {
    const page = await describeFunctionPage(input.functionName);
    if (!page) throw new ActionError("That function is not in the catalog.");
    const { baseRevisionId, summary, text, guarantee, implementationKind, implementationNote, asSafety } = input;
    const fields = { guarantee, implementationKind, implementationNote, asSafety };
    return formStateOf(await editPage({ page, baseRevisionId, authorId: actor.id, summary, text, fields }), page);
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
  revert("restore", input, actor.id),
);
export const undoRevisionAction = safeAction(revertOptions, async (input, actor) => revert("undo", input, actor.id));
