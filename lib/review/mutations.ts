import { audit } from "@/lib/audit/log";
import { authorize, type Actor } from "@/lib/auth/permissions";
import { db, inTransaction, type DbClient, type Tx } from "@/lib/db";
import { showEstimate } from "@/lib/functions/estimate";
import { statusName } from "@/lib/functions/status";
import type { DecisionKind } from "@/lib/generated/prisma/client";
import { mailDecision, mailVeto } from "@/lib/mail/review-events";
import { kindOf } from "@/lib/pages/kinds";
import { requestFacts } from "@/lib/review/request";
import { evaluateRule, loadRule, type RuleState } from "@/lib/review/rule";
import { autoWatch } from "@/lib/watch/auto";

/** A review action that cannot be done now; the message says why (shown to users, 409 in the API). */
export class ReviewError extends Error {
  constructor(
    message: string,
    readonly state?: RuleState,
  ) {
    super(message);
  }
}

// A burst of votes (a review meeting) queues for the pool's connections rather than failing after Prisma's
// default two seconds: each transaction is short, so waiting is the right answer under load.
const REVIEW_TRANSACTION = { maxWait: 10_000, timeout: 15_000 };

const inReviewTransaction = <T>(client: DbClient, run: (tx: Tx) => Promise<T>) =>
  inTransaction(client, run, REVIEW_TRANSACTION);

interface LockedProposal {
  id: number;
  function_id: number;
  current_revision_id: number | null;
  agreed_revision_id: number | null;
}

/** Locks a proposal page: shared for votes (they may run together), exclusive for decisions and saves. */
async function lockProposal(tx: Tx, pageId: number, mode: "share" | "update"): Promise<LockedProposal> {
  const rows =
    mode === "share"
      ? await tx.$queryRaw<LockedProposal[]>`SELECT id, function_id, current_revision_id, agreed_revision_id
          FROM pages WHERE id = ${pageId} AND kind = 'proposal' FOR SHARE`
      : await tx.$queryRaw<LockedProposal[]>`SELECT id, function_id, current_revision_id, agreed_revision_id
          FROM pages WHERE id = ${pageId} AND kind = 'proposal' FOR UPDATE`;
  if (!rows[0]) throw new ReviewError("That proposal does not exist.");
  return rows[0];
}

async function requireCurrent(tx: Tx, page: LockedProposal, revisionId: number): Promise<void> {
  if (page.current_revision_id === revisionId) return;
  const current =
    page.current_revision_id === null
      ? null
      : await tx.revision.findUnique({ where: { id: page.current_revision_id }, select: { number: true } });
  throw new ReviewError(
    current
      ? `Only the current revision (${current.number}) can be reviewed; the page changed since.`
      : "The proposal has no revision yet.",
  );
}

export interface VoteInput {
  pageId: number;
  revisionId: number;
  value: number;
  comment: string;
}

/**
 * Casts or changes a maintainer's vote on the page's current revision. One
 * vote per maintainer and revision (a unique key; a repeated submission
 * updates it); every change is audited.
 */
export async function castVote(voterId: number, input: VoteInput, client: DbClient = db) {
  return inReviewTransaction(client, async (tx) => {
    const page = await lockProposal(tx, input.pageId, "share");
    await requireCurrent(tx, page, input.revisionId);
    const before = await tx.vote.findUnique({
      where: { revisionId_voterId: { revisionId: input.revisionId, voterId } },
      select: { value: true },
    });
    const [vote] = await tx.$queryRaw<{ id: number; value: number }[]>`
      INSERT INTO votes (revision_id, voter_id, value, comment, created_at, updated_at)
      VALUES (${input.revisionId}, ${voterId}, ${input.value}, ${input.comment}, now(), now())
      ON CONFLICT (revision_id, voter_id) DO UPDATE SET value = EXCLUDED.value, comment =
        EXCLUDED.comment, updated_at = now()
      RETURNING id, value`;
    await tx.function.updateMany({
      where: { id: page.function_id, status: "proposed" },
      data: { status: "in_review", statusChangedAt: new Date() },
    });
    await audit(tx, {
      actorId: voterId,
      action: before ? "vote.change" : "vote.cast",
      targetType: "revision",
      targetId: input.revisionId,
      details: { pageId: input.pageId, from: before?.value ?? null, to: input.value, comment: input.comment },
    });
    await autoWatch(tx, voterId, input.pageId);
    if (input.value === -2 && before?.value !== -2) await mailVeto(tx, { ...input, voterId });
    return vote!;
  });
}

const DECISION_WORDS: Record<DecisionKind, string> = {
  agreed: "Agreement",
  rejected: "Rejection",
  withdrawn: "Withdrawal",
  reopened: "Reopening",
};

async function decide(
  tx: Tx,
  page: LockedProposal,
  revisionId: number,
  kind: DecisionKind,
  actorId: number,
  reason: string,
  details: Record<string, unknown> = {},
) {
  const existing = await tx.decision.findUnique({
    where: { revisionId_kind: { revisionId, kind } },
    include: { actor: { select: { name: true } } },
  });
  if (existing)
    throw new ReviewError(
      `${DECISION_WORDS[kind]} was already recorded for this revision by ${existing.actor.name}` +
        (kind === "agreed" ? "." : "; save a new revision first."),
    );
  const decision = await tx.decision.create({ data: { pageId: page.id, revisionId, kind, actorId, reason } });
  await tx.function.update({
    where: { id: page.function_id },
    data: {
      status: kind === "reopened" ? "proposed" : kind,
      statusChangedAt: decision.createdAt,
      updatedAt: decision.createdAt,
    },
  });
  await audit(tx, {
    actorId,
    action: `decision.${kind}`,
    targetType: "revision",
    targetId: revisionId,
    details: { pageId: page.id, reason, ...details },
  });
  await mailDecision(tx, decision, page.function_id);
  return decision;
}

async function fieldsOf(tx: Tx, revisionId: number) {
  const revision = await tx.revision.findUniqueOrThrow({ where: { id: revisionId }, select: { fields: true } });
  return kindOf("proposal").parseFields(revision.fields);
}

/**
 * Records agreement on the current revision. The rule is checked again
 * inside the transaction that holds the page lock, so two maintainers
 * recording at once produce one agreement; the other is told it exists.
 * From then on the function's agreed facts, estimate included, are this
 * revision's until maintainers agree another one.
 */
export async function recordAgreement(
  actorId: number,
  input: { pageId: number; revisionId: number },
  client: DbClient = db,
) {
  return inReviewTransaction(client, async (tx) => {
    const page = await lockProposal(tx, input.pageId, "update");
    await requireCurrent(tx, page, input.revisionId);
    const votes = await tx.vote.findMany({ where: { revisionId: input.revisionId }, select: { value: true } });
    const state = evaluateRule(
      await loadRule(tx),
      votes.map((v) => v.value),
    );
    if (page.agreed_revision_id === input.revisionId) {
      await decide(tx, page, input.revisionId, "agreed", actorId, ""); // throws: already recorded, by whom
    }
    const { status } = await tx.function.findUniqueOrThrow({
      where: { id: page.function_id },
      select: { status: true },
    });
    if (status === "rejected" || status === "withdrawn")
      throw new ReviewError(`The proposal is ${status}; a maintainer must reopen it before it can be agreed.`);
    if (!state.met) throw new ReviewError(`The agreement rule is not met: ${state.words}.`, state);
    const previous = page.agreed_revision_id;
    const decision = await decide(tx, page, input.revisionId, "agreed", actorId, "", { replaces: previous });
    await tx.page.update({ where: { id: page.id }, data: { agreedRevisionId: input.revisionId } });
    await showEstimate(tx, page.function_id, await fieldsOf(tx, input.revisionId), decision.createdAt);
    return decision;
  });
}

/**
 * Closes the review at the current revision (rejected or withdrawn). When an
 * agreement stands it ends here, which takes a reason that the post and the
 * audit log carry; the function then shows its current revision's estimate.
 */
async function close(tx: Tx, page: LockedProposal, kind: "rejected" | "withdrawn", actorId: number, reason: string) {
  if (page.current_revision_id === null) throw new ReviewError("The proposal has no revision yet.");
  const { status } = await tx.function.findUniqueOrThrow({ where: { id: page.function_id }, select: { status: true } });
  if (status === "rejected" || status === "withdrawn") throw new ReviewError(`The proposal is already ${status}.`);
  const agreed = page.agreed_revision_id;
  if (agreed !== null && !reason.trim())
    throw new ReviewError(
      "Give the reason: this ends what the maintainers agreed, and the post to libc-help says why.",
    );
  const decision = await decide(tx, page, page.current_revision_id, kind, actorId, reason, { endsAgreement: agreed });
  if (agreed !== null) {
    await tx.page.update({ where: { id: page.id }, data: { agreedRevisionId: null } });
    await showEstimate(tx, page.function_id, await fieldsOf(tx, page.current_revision_id), decision.createdAt);
  }
  return decision;
}

/** Rejects the proposal at its current revision (maintainers); reopening it is an explicit decision. */
export async function rejectProposal(
  actorId: number,
  input: { pageId: number; reason: string },
  client: DbClient = db,
) {
  return inReviewTransaction(client, async (tx) =>
    close(tx, await lockProposal(tx, input.pageId, "update"), "rejected", actorId, input.reason),
  );
}

/**
 * Withdraws the proposal at its current revision. Who may is asked again
 * under the page lock, so an agreement recorded meanwhile cannot be
 * withdrawn by a representative who was allowed a moment before.
 */
export async function withdrawProposal(actor: Actor, input: { pageId: number; reason: string }, client: DbClient = db) {
  return inReviewTransaction(client, async (tx) => {
    const page = await lockProposal(tx, input.pageId, "update");
    authorize(actor, { action: "proposal.withdraw", request: await requestFacts(page.id, tx) });
    return close(tx, page, "withdrawn", actor.id, input.reason);
  });
}

/** Reopens a rejected or withdrawn proposal for review at its current revision. */
export async function reopenProposal(actor: Actor, input: { pageId: number; reason: string }, client: DbClient = db) {
  return inReviewTransaction(client, async (tx) => {
    const page = await lockProposal(tx, input.pageId, "update");
    authorize(actor, { action: "proposal.reopen", request: await requestFacts(page.id, tx) });
    if (page.current_revision_id === null) throw new ReviewError("The proposal has no revision yet.");
    const { status } = await tx.function.findUniqueOrThrow({
      where: { id: page.function_id },
      select: { status: true },
    });
    if (status !== "rejected" && status !== "withdrawn")
      throw new ReviewError(`The proposal is ${statusName(status)}; only a rejected or withdrawn one can be reopened.`);
    return decide(tx, page, page.current_revision_id, "reopened", actor.id, input.reason);
  });
}
