import { z } from "zod";

export const commentSchema = z.object({
  pageId: z.coerce.number().int().positive(),
  parentId: z
    .string()
    .default("")
    .transform((v) => (v === "" ? null : Number(v)))
    .pipe(z.number().int().positive().nullable()),
  body: z.string().trim().min(1, "Write something first.").max(20_000, "Keep a comment under 20,000 characters."),
});
export type CommentInput = z.infer<typeof commentSchema>;
