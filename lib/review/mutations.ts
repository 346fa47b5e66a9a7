import { audit } from "@/lib/audit/log";
import { db, type DbClient, type Tx } from "@/lib/db";
import type { DecisionKind } from "@/lib/generated/prisma/client";
import { evaluateRule, loadRule, type RuleState } from "@/lib/review/rule";

/** A review action that cannot be done now; the message says why (shown to users, 409 in the API). */
export class ReviewError extends Error {
  constructor(
    message: string,
    readonly state?: RuleState,
  ) {
    super(message);
  }
}

function inTransaction<T>(client: DbClient, run: (tx: Tx) => Promise<T>): Promise<T> {
  return "$transaction" in client ? client.$transaction(run) : run(client);
}

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
  return inTransaction(client, async (tx) => {
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
    return vote!;
  });
}

async function decide(
  tx: Tx,
  page: LockedProposal,
  revisionId: number,
  kind: DecisionKind,
  actorId: number,
  reason: string,
) {
  const existing = await tx.decision.findUnique({
    where: { revisionId_kind: { revisionId, kind } },
    include: { actor: { select: { name: true } } },
  });
  if (existing)
    throw new ReviewError(
      `${kind === "agreed" ? "Agreement" : kind === "rejected" ? "Rejection" : "Withdrawal"} was ` +
        `already recorded for this revision by ${existing.actor.name}.`,
    );
  const decision = await tx.decision.create({ data: { pageId: page.id, revisionId, kind, actorId, reason } });
  await tx.function.update({
    where: { id: page.function_id },
    data: { status: kind, statusChangedAt: decision.createdAt, updatedAt: decision.createdAt },
  });
  await audit(tx, {
    actorId,
    action: `decision.${kind}`,
    targetType: "revision",
    targetId: revisionId,
    details: { pageId: page.id, reason },
  });
  return decision;
}

/**
 * Records agreement on the current revision. The rule is checked again
 * inside the transaction that holds the page lock, so two maintainers
 * recording at once produce one agreement; the other is told it exists.
 */
export async function recordAgreement(
  actorId: number,
  input: { pageId: number; revisionId: number },
  client: DbClient = db,
) {
  return inTransaction(client, async (tx) => {
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
    const closed = await tx.decision.findFirst({
      where: { revisionId: input.revisionId, kind: { in: ["rejected", "withdrawn"] } },
    });
    if (closed) throw new ReviewError(`This revision was ${closed.kind}; a new revision reopens the review.`);
    if (!state.met) throw new ReviewError(`The agreement rule is not met: ${state.words}.`, state);
    const decision = await decide(tx, page, input.revisionId, "agreed", actorId, "");
    await tx.page.update({ where: { id: page.id }, data: { agreedRevisionId: input.revisionId } });
    return decision;
  });
}

/** Rejects the proposal at its current revision; a later revision and review can reopen it. */
export async function rejectProposal(
  actorId: number,
  input: { pageId: number; reason: string },
  client: DbClient = db,
) {
  return inTransaction(client, async (tx) => {
    const page = await lockProposal(tx, input.pageId, "update");
    if (page.current_revision_id === null) throw new ReviewError("The proposal has no revision yet.");
    return decide(tx, page, page.current_revision_id, "rejected", actorId, input.reason);
  });
}

/** Withdraws the proposal at its current revision (its proposer or a maintainer). */
export async function withdrawProposal(
  actorId: number,
  input: { pageId: number; reason: string },
  client: DbClient = db,
) {
  return inTransaction(client, async (tx) => {
    const page = await lockProposal(tx, input.pageId, "update");
    if (page.current_revision_id === null) throw new ReviewError("The proposal has no revision yet.");
    return decide(tx, page, page.current_revision_id, "withdrawn", actorId, input.reason);
  });
}

/** Who proposed a page: the author of its first revision. */
export async function proposerOf(pageId: number, client: DbClient = db): Promise<number | null> {
  const first = await client.revision.findFirst({ where: { pageId, number: 1 }, select: { authorId: true } });
  return first?.authorId ?? null;
}
