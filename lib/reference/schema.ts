import { z } from "zod";
import { IMPORT_KINDS } from "@/lib/reference/run-import";

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** The admin import form: a kind, where the facts come from, and the uploaded files. */
export const importFormSchema = z.object({
  kind: z.enum(IMPORT_KINDS, { error: "Choose what to import." }),
  source: z.string().trim().min(1, "Name the commit or release the files come from.").max(200),
  files: z
    .array(z.instanceof(File))
    .min(1, "Choose the files to import.")
    .max(200, "At most 200 files.")
    .refine((files) => files.reduce((n, f) => n + f.size, 0) <= MAX_IMPORT_BYTES, "At most 20 MB in all."),
});
