import type { z } from "zod";
import type { Actor, Permission } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { statusName } from "@/lib/functions/status";
import { castVote, recordAgreement, ReviewError, withdrawProposal } from "@/lib/review/mutations";
import { requestFacts } from "@/lib/review/request";
import { notFound } from "@/lib/server/api/http";
import type {
  agreementPostSchema,
  agreementResultSchema,
  decisionResultSchema,
  votePostSchema,
  voteResultSchema,
  withdrawalPostSchema,
} from "@/lib/server/api/schemas/review";

// Review through the API: the same votes and agreement (lib/review/mutations)
// as the review page; a refusal by the review rules is a 409 with the reason.

async function proposalPageOf(name: string) {
  const fn = await db.function.findUnique({
    where: { name },
    select: { id: true, name: true, page: { select: { id: true } } },
  });
  if (!fn) throw notFound(`There is no function named ${name} in the catalog.`);
  return fn;
}

async function statusOf(functionId: number) {
  return statusName(
    (await db.function.findUniqueOrThrow({ where: { id: functionId }, select: { status: true } })).status,
  );
}

/** POST /api/v1/functions/{name}/votes */
export async function postVote(
  actor: Actor,
  name: string,
  body: z.output<typeof votePostSchema>,
): Promise<z.output<typeof voteResultSchema>> {
  const fn = await proposalPageOf(name);
  if (!fn.page) throw new ReviewError(`${fn.name} has no proposal yet; there is nothing to vote on.`);
  const vote = await castVote(actor.id, { pageId: fn.page.id, ...body });
  return { revisionId: body.revisionId, value: vote.value, comment: body.comment, status: await statusOf(fn.id) };
}

/** POST /api/v1/functions/{name}/agreement */
export async function postAgreement(
  actor: Actor,
  name: string,
  body: z.output<typeof agreementPostSchema>,
): Promise<z.output<typeof agreementResultSchema>> {
  const fn = await proposalPageOf(name);
  if (!fn.page) throw new ReviewError(`${fn.name} has no proposal yet; there is nothing to agree on.`);
  const decision = await recordAgreement(actor.id, { pageId: fn.page.id, revisionId: body.revisionId });
  return { revisionId: decision.revisionId, status: await statusOf(fn.id), agreedAt: decision.createdAt.toISOString() };
}

/** The permission POST /api/v1/functions/{name}/withdrawal needs: the facts of the function's request. */
export async function withdrawalPermission(name: string): Promise<Permission> {
  const fn = await proposalPageOf(name);
  return {
    action: "proposal.withdraw",
    request: fn.page ? await requestFacts(fn.page.id) : { everAgreed: false, requestedBy: [] },
  };
}

/** POST /api/v1/functions/{name}/withdrawal */
export async function postWithdrawal(
  actor: Actor,
  name: string,
  body: z.output<typeof withdrawalPostSchema>,
): Promise<z.output<typeof decisionResultSchema>> {
  const fn = await proposalPageOf(name);
  if (!fn.page) throw new ReviewError(`${fn.name} has no proposal yet; there is nothing to withdraw.`);
  const decision = await withdrawProposal(actor, { pageId: fn.page.id, reason: body.reason });
  return {
    revisionId: decision.revisionId,
    status: await statusOf(fn.id),
    decidedAt: decision.createdAt.toISOString(),
  };
}
