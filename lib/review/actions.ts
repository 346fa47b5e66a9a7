"use server";

import { revalidatePath } from "next/cache";
import { ActionError, safeAction } from "@/lib/server/actions/safe-action";
import type { FormState } from "@/lib/server/actions/state";
import { pageRefById } from "@/lib/pages/refs";
import {
  castVote,
  recordAgreement,
  rejectProposal,
  reopenProposal,
  ReviewError,
  withdrawProposal,
} from "@/lib/review/mutations";
import { requestFacts } from "@/lib/review/request";
import { agreementRuleSchema, saveRule } from "@/lib/review/rule";
import { agreementSchema, closeSchema, voteSchema, withdrawSchema } from "@/lib/review/schema";

async function done(pageId: number, message: string): Promise<FormState> {
  const ref = await pageRefById(pageId);
  if (ref) {
    revalidatePath(ref.basePath);
    revalidatePath(`${ref.basePath}/review`);
  }
  return { status: "ok", message };
}

async function asUserError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ReviewError) throw new ActionError(error.message);
    throw error;
  }
}

const VOTE_WORDS: Record<number, string> = { [-2]: "−2", [-1]: "−1", 0: "0", 1: "+1", 2: "+2" };

export const voteAction = safeAction(
  { schema: voteSchema, permission: () => ({ action: "vote.cast" }), rateLimitPerMinute: 60 },
  async (input, actor) => {
    await asUserError(() => castVote(actor.id, input));
    return done(input.pageId, `Your vote (${VOTE_WORDS[input.value]}) is recorded.`);
  },
);

export const agreementAction = safeAction(
  { schema: agreementSchema, permission: () => ({ action: "decision.record" }), rateLimitPerMinute: 30 },
  async (input, actor) => {
    await asUserError(() => recordAgreement(actor.id, input));
    return done(input.pageId, "Agreement recorded.");
  },
);

export const rejectAction = safeAction(
  { schema: closeSchema, permission: () => ({ action: "decision.record" }), rateLimitPerMinute: 30 },
  async (input, actor) => {
    await asUserError(() => rejectProposal(actor.id, input));
    return done(input.pageId, "The proposal is rejected.");
  },
);

export const withdrawAction = safeAction(
  {
    schema: withdrawSchema,
    permission: async (input) => ({ action: "proposal.withdraw", request: await requestFacts(input.pageId) }),
    rateLimitPerMinute: 30,
  },
  async (input, actor) => {
    await asUserError(() => withdrawProposal(actor, input));
    return done(input.pageId, "The proposal is withdrawn.");
  },
);

export const reopenAction = safeAction(
  {
    schema: withdrawSchema,
    permission: async (input) => ({ action: "proposal.reopen", request: await requestFacts(input.pageId) }),
    rateLimitPerMinute: 30,
  },
  async (input, actor) => {
    await asUserError(() => reopenProposal(actor, input));
    return done(input.pageId, "The proposal is open for review again.");
  },
);

export const saveRuleAction = safeAction(
  { schema: agreementRuleSchema, permission: () => ({ action: "settings.manage" }), rateLimitPerMinute: 30 },
  async (input, actor) => {
    await saveRule(actor.id, input);
    revalidatePath("/admin/settings");
    return { status: "ok", message: "The agreement rule is saved." };
  },
);
