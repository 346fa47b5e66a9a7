import type { Tx } from "@/lib/db";
import { showEstimate } from "@/lib/functions/estimate";
import { diffProposalFields } from "@/lib/pages/diff";
import { proposalFieldsSchema, type ProposalFields } from "@/lib/pages/fields";
import type { PageKindDefinition } from "@/lib/pages/kinds/types";
import { mergeProposalFields } from "@/lib/pages/merge";

/** A function's proposal page: the guarantee asked for and the estimates beside it. */
export const proposalKind: PageKindDefinition<ProposalFields, { name: string }> = {
  kind: "proposal",
  fieldsSchema: proposalFieldsSchema,
  parseFields: (raw) => proposalFieldsSchema.parse(raw),
  mergeFields: mergeProposalFields,
  diffFields: (from, to) => ({ kind: "proposal", changes: diffProposalFields(from, to) }),
  catalogNames: () => [],
  editPermission: () => ({ action: "proposal.suggest" }),
  address: (fn) => ({
    title: fn.name,
    nameInProse: `the proposal for ${fn.name}`,
    basePath: `/functions/${encodeURIComponent(fn.name)}`,
  }),
  afterSave: async (tx, page, fields) => {
    if (page.functionId !== null) await applyProposal(tx, page.functionId, fields);
  },
};

/**
 * A save's effect on the function. While an agreement stands the function's
 * facts stay the agreed revision's and the save is a pending change for
 * maintainers to review; otherwise the estimate follows the new revision. A
 * first proposal opens review; a rejected or withdrawn one stays closed until
 * it is reopened explicitly (lib/review/mutations.ts).
 */
async function applyProposal(tx: Tx, functionId: number, fields: ProposalFields): Promise<void> {
  const fn = await tx.function.findUniqueOrThrow({ where: { id: functionId }, select: { status: true } });
  const now = new Date();
  if (fn.status === "agreed") await tx.function.update({ where: { id: functionId }, data: { updatedAt: now } });
  else await showEstimate(tx, functionId, fields, now);
  if (fn.status === "unrequested")
    await tx.function.update({ where: { id: functionId }, data: { status: "proposed", statusChangedAt: now } });
}
