import type { Tx } from "@/lib/db";
import type { ProposalFields } from "@/lib/pages/fields";

/**
 * Sets the function's estimate columns, which the catalog's filters, the
 * matrix and the API read, from one revision's fields: the agreed revision's
 * while an agreement stands, the current revision's otherwise. Callers pick
 * the revision; this only keeps the two columns and the change time together.
 */
export async function showEstimate(tx: Tx, functionId: number, fields: ProposalFields, at: Date): Promise<void> {
  await tx.function.update({
    where: { id: functionId },
    data: { estimateKind: fields.implementationKind, estimateAsSafety: fields.asSafety, updatedAt: at },
  });
}
