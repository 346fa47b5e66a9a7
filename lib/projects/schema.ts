import { z } from "zod";
import {
  functionNameSchema,
  needsFieldsSchema,
  NEEDS_ROWS_MAX,
  PRIORITIES,
  revisionTextSchema,
  summarySchema,
} from "@/lib/pages/fields";
import { baseRevisionIdSchema } from "@/lib/pages/schema";
import { MAX_PASTED_NAMES, pastedNameCount } from "@/lib/projects/paste";

const jsonString = z.string().transform((value, ctx) => {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    ctx.addIssue({ code: "custom", message: "The rows could not be read." });
    return z.NEVER;
  }
});

/** The needs-list edit form as posted. */
export const saveNeedsSchema = z.object({
  projectId: z.coerce.number().int().positive(),
  baseRevisionId: baseRevisionIdSchema,
  summary: summarySchema.default(""),
  text: revisionTextSchema.default(""),
  rows: jsonString.pipe(needsFieldsSchema.shape.rows),
  /** Names not in the catalog that the editor chose to keep (they become new functions). */
  keepUnknown: jsonString.pipe(z.array(functionNameSchema).max(NEEDS_ROWS_MAX)).default([]),
});
export type SaveNeedsInput = z.infer<typeof saveNeedsSchema>;

export const pastePreviewSchema = z.object({
  projectId: z.number().int().positive(),
  text: z
    .string()
    .max(50_000, "Paste at most 50,000 characters.")
    .refine((text) => pastedNameCount(text) <= MAX_PASTED_NAMES, `Paste at most ${MAX_PASTED_NAMES} names at a time.`),
  priority: z.enum(PRIORITIES),
});
