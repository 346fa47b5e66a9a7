import type { Tx } from "@/lib/db";
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

/** The function's estimate columns follow its proposal's current revision. */
async function applyProposal(tx: Tx, functionId: number, fields: ProposalFields): Promise<void> {
  const fn = await tx.function.findUniqueOrThrow({ where: { id: functionId }, select: { status: true } });
  const now = new Date();
  await tx.function.update({
    where: { id: functionId },
    data: {
      estimateKind: fields.implementationKind,
      estimateAsSafety: fields.asSafety,
      updatedAt: now,
      // A first proposal, or a new revision after a rejection or withdrawal, (re)opens review.
      ...(["unrequested", "rejected", "withdrawn"].includes(fn.status)
        ? { status: "proposed", statusChangedAt: now }
        : {}),
    },
  });
}
