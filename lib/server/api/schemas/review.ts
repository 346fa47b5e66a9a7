import { z } from "zod";
import { STATUS_NAMES } from "@/lib/functions/status";
import { agreementSchema, voteSchema, withdrawSchema } from "@/lib/review/schema";
import { isoDate } from "@/lib/server/api/schemas/common";

// Review of a function's proposal: votes, agreement and withdrawal.

export const votePostSchema = voteSchema
  .pick({ revisionId: true, value: true, comment: true })
  .describe("A maintainer's vote (−2…+2) on the current revision.");

export const agreementPostSchema = agreementSchema
  .pick({ revisionId: true })
  .describe("Records agreement on the current revision, if the agreement rule is met.");

export const voteResultSchema = z.object({
  revisionId: z.number().int(),
  value: z.number().int(),
  comment: z.string(),
  status: z.enum(STATUS_NAMES).describe("The function's status after the vote."),
});

export const withdrawalPostSchema = withdrawSchema
  .pick({ reason: true })
  .describe(
    "Withdraws the proposal at its current revision. Maintainers may withdraw any proposal; ending an agreement " +
      "takes a reason. A representative may withdraw only a request of their own project that was never agreed.",
  );

export const decisionResultSchema = z.object({
  revisionId: z.number().int(),
  status: z.enum(STATUS_NAMES),
  decidedAt: isoDate,
});

export const agreementResultSchema = z.object({
  revisionId: z.number().int(),
  status: z.enum(STATUS_NAMES),
  agreedAt: isoDate,
});
