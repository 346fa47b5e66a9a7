import { z } from "zod";

const id = z.coerce.number().int().positive();

export const voteSchema = z.object({
  pageId: id,
  revisionId: id,
  value: z.coerce.number().int().min(-2, "Votes run from −2 to +2.").max(2, "Votes run from −2 to +2."),
  comment: z.string().trim().max(5000).default(""),
});

export const agreementSchema = z.object({ pageId: id, revisionId: id });

export const closeSchema = z.object({
  pageId: id,
  reason: z.string().trim().min(1, "Give the reason.").max(5000),
});

export const withdrawSchema = z.object({ pageId: id, reason: z.string().trim().max(5000).default("") });
