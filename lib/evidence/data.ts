import { db, type DbClient } from "@/lib/db";
import { disagreementReason, estimateDisagrees } from "@/lib/evidence/agreement";

const withImport = { import: { select: { id: true, source: true, createdAt: true } } } as const;

/** A function's current implementation evidence and the earlier rows, newest first; null for an unknown name. */
export async function getFunctionEvidence(name: string, client: DbClient = db) {
  const fn = await client.function.findUnique({
    where: { name },
    select: {
      estimateKind: true,
      evidence: { include: withImport },
      evidenceHistory: { include: withImport, orderBy: { id: "desc" } },
    },
  });
  if (!fn) return null;
  return {
    current: fn.evidence,
    earlier: fn.evidenceHistory.filter((e) => e.id !== fn.evidence?.id),
    /** The estimate of the proposal's current revision (denormalised on the function). */
    estimateKind: fn.estimateKind,
  };
}

export type FunctionEvidence = NonNullable<Awaited<ReturnType<typeof getFunctionEvidence>>>;

/** Whether an estimate disagrees with the current evidence, and why ("" when it does not). */
export function evidenceAgreement(estimate: string | null | undefined, evidence: { kind: string } | null | undefined) {
  const kind = evidence?.kind ?? null;
  return { disagrees: estimateDisagrees(estimate, kind), reason: disagreementReason(estimate, kind) };
}
