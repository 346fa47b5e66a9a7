import { z } from "zod";
import { needsFieldsSchema, revisionTextSchema, summarySchema } from "@/lib/pages/fields";

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
  baseRevisionId: z
    .string()
    .default("")
    .transform((v) => (v === "" ? null : Number(v)))
    .pipe(z.number().int().positive().nullable()),
  summary: summarySchema.default(""),
  text: revisionTextSchema.default(""),
  rows: jsonString.pipe(needsFieldsSchema.shape.rows),
});
export type SaveNeedsInput = z.infer<typeof saveNeedsSchema>;
