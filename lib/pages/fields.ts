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

/**
 * A needs list's bounds, chosen so that the largest list with the largest
 * revision text (1 MiB) still fits in one request body (2 MiB,
 * lib/server/http/body-limit.ts): at most 2,000 rows, and the rows at most
 * 800,000 bytes as JSON.
 */
export const NEEDS_ROWS_MAX = 2000;
export const NEEDS_ROWS_MAX_BYTES = 800_000;

export const needsFieldsSchema = z.object({
  rows: z
    .array(needRowSchema)
    .max(NEEDS_ROWS_MAX, `List at most ${NEEDS_ROWS_MAX.toLocaleString("en")} functions.`)
    .refine(
      (rows) => new TextEncoder().encode(JSON.stringify(rows)).length <= NEEDS_ROWS_MAX_BYTES,
      `The list is too long: at most ${NEEDS_ROWS_MAX_BYTES.toLocaleString("en")} bytes ` +
        "of names, rationales and contexts in all.",
    )
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

/**
 * The most a revision's prose may hold, in UTF-8 bytes (MediaWiki's default is 2 MiB); the body cap is set above
 * it.
 */
export const REVISION_TEXT_MAX_BYTES = 1024 * 1024;

/**
 * Prose as stored: browsers post textareas with CRLF line ends; revisions
 * keep LF so that diffs and merges compare like with like.
 */
export const revisionTextSchema = z
  .string()
  .refine(
    (text) => Buffer.byteLength(text) <= REVISION_TEXT_MAX_BYTES,
    "The text is too long: a revision holds at most 1 MiB (1,048,576 bytes of UTF-8).",
  )
  .transform((text) => text.replace(/\r\n?/g, "\n"));
export const summarySchema = z.string().trim().max(500, "Keep the summary under 500 characters.");
