import type { Tx } from "@/lib/db";
import type { DecisionKind } from "@/lib/generated/prisma/client";
import { itemBody, textExcerpt } from "@/lib/mail/excerpt";
import { enqueue, maintainerIds, representativeIds } from "@/lib/mail/outbox";
import { pageRefById } from "@/lib/pages/refs";

// Review's mails, written in the transaction that records the vote or the decision: maintainers hear of
// every decision and veto, the representatives of each project that needs the function of its decisions.

const DECIDED: Record<DecisionKind, string> = {
  agreed: "recorded agreement on",
  rejected: "rejected",
  withdrawn: "withdrew",
  reopened: "reopened",
};

const SUBJECT: Record<DecisionKind, string> = {
  agreed: "agreed",
  rejected: "rejected",
  withdrawn: "withdrawn",
  reopened: "reopened for review",
};

export async function mailDecision(
  tx: Tx,
  decision: { id: number; pageId: number; revisionId: number; kind: DecisionKind; actorId: number; reason: string },
  functionId: number,
): Promise<void> {
  const ref = await pageRefById(decision.pageId, tx);
  if (!ref) return;
  const [actor, revision, needs] = await Promise.all([
    tx.user.findUniqueOrThrow({ where: { id: decision.actorId }, select: { name: true } }),
    tx.revision.findUniqueOrThrow({ where: { id: decision.revisionId }, select: { number: true, summary: true } }),
    tx.need.findMany({ where: { functionId }, select: { projectId: true } }),
  ]);
  const what = `${actor.name} ${DECIDED[decision.kind]} ${ref.nameInProse} at revision ${revision.number}.`;
  const event = {
    key: `decision:${decision.id}`,
    actorId: decision.actorId,
    subject: `${ref.title} ${SUBJECT[decision.kind]} by ${actor.name}`,
    body: itemBody(what, revision.summary, decision.reason ? textExcerpt(`Reason: ${decision.reason}`) : []),
    path: `${ref.basePath}/review`,
  };
  await enqueue(tx, { ...event, kind: "review-decision" }, await maintainerIds(tx));
  const projects = [...new Set(needs.map((n) => n.projectId))];
  await enqueue(tx, { ...event, kind: "needs-decision" }, await representativeIds(tx, projects));
}

/** A −2 blocks agreement while the rule says vetoes do: every maintainer hears of it. */
export async function mailVeto(
  tx: Tx,
  vote: { pageId: number; revisionId: number; voterId: number; comment: string },
): Promise<void> {
  const ref = await pageRefById(vote.pageId, tx);
  if (!ref) return;
  const [voter, revision] = await Promise.all([
    tx.user.findUniqueOrThrow({ where: { id: vote.voterId }, select: { name: true } }),
    tx.revision.findUniqueOrThrow({ where: { id: vote.revisionId }, select: { number: true, summary: true } }),
  ]);
  const what = `${voter.name} voted −2 (veto) on revision ${revision.number} of ${ref.nameInProse}.`;
  await enqueue(
    tx,
    {
      kind: "review-decision",
      key: `veto:${vote.revisionId}:${vote.voterId}`,
      actorId: vote.voterId,
      subject: `${ref.title}: veto by ${voter.name}`,
      body: itemBody(what, revision.summary, vote.comment ? textExcerpt(vote.comment) : []),
      path: `${ref.basePath}/review`,
    },
    await maintainerIds(tx),
  );
}
