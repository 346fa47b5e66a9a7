import { z } from "zod";
import { AS_SAFETY_ESTIMATES, IMPLEMENTATION_KINDS, revisionTextSchema, summarySchema } from "@/lib/pages/fields";

export const baseRevisionIdSchema = z
  .string()
  .default("")
  .transform((v) => (v === "" ? null : Number(v)))
  .pipe(z.number().int().positive().nullable());

/** The proposal edit form as posted; the fields are validated again by proposalFieldsSchema on save. */
export const saveProposalSchema = z.object({
  functionName: z.string().min(1).max(100),
  baseRevisionId: baseRevisionIdSchema,
  summary: summarySchema.default(""),
  text: revisionTextSchema.default(""),
  guarantee: z.string().trim().min(1, "State the requested guarantee.").max(1000),
  implementationKind: z.enum(IMPLEMENTATION_KINDS, { error: "Choose an implementation kind." }),
  implementationNote: z.string().trim().max(300).default(""),
  asSafety: z.enum(AS_SAFETY_ESTIMATES, { error: "Choose an AS-safety estimate." }),
});

/** Restore or undo: a page and one of its revision numbers. */
export const revisionActionSchema = z.object({
  pageId: z.coerce.number().int().positive(),
  number: z.coerce.number().int().positive(),
});
