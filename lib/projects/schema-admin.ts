import { z } from "zod";

/** An admin's project form: create when id is empty, else update. */
export const projectFormSchema = z.object({
  id: z
    .string()
    .default("")
    .transform((v) => (v === "" ? null : Number(v)))
    .pipe(z.number().int().positive().nullable()),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Lower-case letters, digits and dashes, such as runc or chrome."),
  name: z.string().trim().min(1, "Name the project.").max(100),
  homepage: z
    .union([
      z.literal(""),
      z.url("A full URL such as https://example.org.").refine((u) => /^https?:\/\//.test(u), "An http or https URL."),
    ])
    .default(""),
  description: z.string().trim().max(2000).default(""),
  caveats: z.string().trim().max(4000).default(""),
});
export type ProjectForm = z.infer<typeof projectFormSchema>;
