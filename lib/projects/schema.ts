import { z } from "zod";
import {
  functionNameSchema,
  needsFieldsSchema,
  PRIORITIES,
  revisionTextSchema,
  summarySchema,
} from "@/lib/pages/fields";
import { baseRevisionIdSchema } from "@/lib/pages/schema";

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
  keepUnknown: jsonString.pipe(z.array(functionNameSchema)).default([]),
});
export type SaveNeedsInput = z.infer<typeof saveNeedsSchema>;

export const pastePreviewSchema = z.object({
  projectId: z.number().int().positive(),
  text: z.string().max(50_000, "Paste at most 50,000 characters."),
  priority: z.enum(PRIORITIES),
});
