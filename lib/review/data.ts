import { db, type DbClient } from "@/lib/db";
import { compareRevisions } from "@/lib/pages/history";
import { functionPageRef } from "@/lib/pages/refs";
import { requestFacts } from "@/lib/review/request";
import { evaluateRule, loadRule } from "@/lib/review/rule";

const voter = { select: { id: true, name: true } } as const;

/**
 * Everything a review needs: the diff from the agreed revision to the current
 * one (or the whole content when nothing is agreed), every vote with whether
 * it is stale, and the rule's state on the current revision.
 */
export async function getReview(name: string, client: DbClient = db, options: { expand?: boolean } = {}) {
  const ref = await functionPageRef(name, client);
  if (!ref || ref.currentRevisionId === null) return null;
  const [current, agreed, rule, votes, decisions, fn] = await Promise.all([
    client.revision.findUniqueOrThrow({ where: { id: ref.currentRevisionId }, include: { author: voter } }),
    ref.agreedRevisionId === null
      ? null
      : client.revision.findUnique({ where: { id: ref.agreedRevisionId }, select: { number: true, createdAt: true } }),
    loadRule(client),
    client.vote.findMany({
      where: { revision: { pageId: ref.pageId } },
      include: { voter, revision: { select: { id: true, number: true } } },
      orderBy: [{ revision: { number: "desc" } }, { updatedAt: "desc" }],
    }),
    client.decision.findMany({
      where: { pageId: ref.pageId },
      include: { actor: voter, revision: { select: { number: true } } },
      orderBy: { createdAt: "desc" },
    }),
    client.function.findUniqueOrThrow({ where: { id: ref.functionId! }, select: { status: true } }),
  ]);
  const comparison = await compareRevisions(ref, agreed?.number ?? null, current.number, client, options);
  const currentVotes = votes.filter((v) => v.revisionId === current.id);
  return {
    ref,
    status: fn.status,
    current,
    agreed,
    comparison: comparison!,
    rule,
    state: evaluateRule(
      rule,
      currentVotes.map((v) => v.value),
    ),
    votes: votes.map((v) => ({ ...v, stale: v.revisionId !== current.id })),
    decisions,
    request: await requestFacts(ref.pageId, client),
  };
}

export type Review = NonNullable<Awaited<ReturnType<typeof getReview>>>;

/** One recorded agreement, as the function page lists them (newest first). */
export interface AgreementRecord {
  id: number;
  revisionNumber: number;
  recordedBy: string;
  recordedAt: Date;
  votes: { voter: string; value: number }[];
  /** in force; superseded by a later agreement; ended by a rejection or withdrawal */
  standing: "in force" | "superseded" | "ended";
  /** For an ended agreement: the decision that ended it, with its reason. */
  endedBy: { kind: string; by: string; at: Date; reason: string } | null;
}

/**
 * Every agreement recorded on a proposal, with the votes it rested on, so an
 * agreement that was superseded or ended stays visible beside the one in force.
 */
export async function agreementHistory(pageId: number, client: DbClient = db): Promise<AgreementRecord[]> {
  const decisions = await client.decision.findMany({
    where: { pageId, kind: { in: ["agreed", "rejected", "withdrawn"] } },
    include: {
      actor: voter,
      revision: { select: { number: true, votes: { include: { voter }, orderBy: { updatedAt: "asc" } } } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const records: AgreementRecord[] = [];
  for (const d of decisions) {
    const last = records.at(-1);
    if (d.kind !== "agreed") {
      if (last && last.standing === "in force")
        Object.assign(last, {
          standing: "ended",
          endedBy: { kind: d.kind, by: d.actor.name, at: d.createdAt, reason: d.reason },
        });
      continue;
    }
    if (last && last.standing === "in force") last.standing = "superseded";
    records.push({
      id: d.id,
      revisionNumber: d.revision.number,
      recordedBy: d.actor.name,
      recordedAt: d.createdAt,
      votes: d.revision.votes.map((v) => ({ voter: v.voter.name, value: v.value })),
      standing: "in force",
      endedBy: null,
    });
  }
  return records.reverse();
}
