import { z } from "zod";
import { proposalFieldsSchema, revisionTextSchema, summarySchema } from "@/lib/pages/fields";

export const baseRevisionIdSchema = z
  .string()
  .default("")
  .transform((v) => (v === "" ? null : Number(v)))
  .pipe(z.number().int().positive().nullable());

/** The proposal edit form as posted: its fields are the proposal's fields, validated here once. */
export const saveProposalSchema = z.object({
  functionName: z.string().min(1).max(100),
  baseRevisionId: baseRevisionIdSchema,
  summary: summarySchema.default(""),
  text: revisionTextSchema.default(""),
  ...proposalFieldsSchema.shape,
});

/** Restore or undo: a page and one of its revision numbers. */
export const revisionActionSchema = z.object({
  pageId: z.coerce.number().int().positive(),
  number: z.coerce.number().int().positive(),
});
