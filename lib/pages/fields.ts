import { z } from "zod";

// The structured fields each kind of page carries in its revisions. These
// schemas are the single definition used by forms, server actions, the API,
// the seed and importers.

export const IMPLEMENTATION_KINDS = ["syscall stub", "assembly stub", "complex", "unknown"] as const;
export const AS_SAFETY_ESTIMATES = ["AS-safe", "AS-unsafe", "unknown"] as const;
export const PRIORITIES = ["required", "convenient", "can-work-around"] as const;

export type ImplementationKind = (typeof IMPLEMENTATION_KINDS)[number];
export type AsSafetyEstimate = (typeof AS_SAFETY_ESTIMATES)[number];
export type PriorityName = (typeof PRIORITIES)[number];

export const DEFAULT_GUARANTEE = "Safe to call in the child after fork() in a multithreaded program.";

export const proposalFieldsSchema = z.object({
  guarantee: z.string().trim().min(1, "State the requested guarantee.").max(1000),
  implementationKind: z.enum(IMPLEMENTATION_KINDS, { error: "Choose an implementation kind." }),
  /** Free note beside the kind, e.g. "pure function" or "libcap, not glibc". */
  implementationNote: z.string().trim().max(300).default(""),
  asSafety: z.enum(AS_SAFETY_ESTIMATES, { error: "Choose an AS-safety estimate." }),
});
export type ProposalFields = z.infer<typeof proposalFieldsSchema>;

export const functionNameSchema = z
  .string()
  .trim()
  .min(1, "Name a function.")
  .max(100)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "A C identifier such as setgroups.");

export const needRowSchema = z.object({
  function: functionNameSchema,
  priority: z.enum(PRIORITIES, { error: "Choose required, convenient or can-work-around." }),
  rationale: z.string().trim().max(2000).default(""),
  context: z.string().trim().max(500).default(""),
});
export type NeedRow = z.infer<typeof needRowSchema>;

export const needsFieldsSchema = z.object({
  rows: z
    .array(needRowSchema)
    .max(5000)
    .superRefine((rows, ctx) => {
      const seen = new Set<string>();
      rows.forEach((row, index) => {
        if (seen.has(row.function)) {
          ctx.addIssue({ code: "custom", path: [index, "function"], message: `${row.function} is listed twice.` });
        }
        seen.add(row.function);
      });
    }),
});
export type NeedsFields = z.infer<typeof needsFieldsSchema>;

/** Prose as stored: browsers post textareas with CRLF line ends; revisions keep LF so that diffs and merges compare like with like. */
export const revisionTextSchema = z
  .string()
  .max(200_000, "The text is too long (200,000 characters at most).")
  .transform((text) => text.replace(/\r\n?/g, "\n"));
export const summarySchema = z.string().trim().max(500, "Keep the summary under 500 characters.");
