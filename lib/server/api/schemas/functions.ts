import { z } from "zod";
import { STATUS_NAMES } from "@/lib/functions/status";
import { AS_SAFETY_ESTIMATES, IMPLEMENTATION_KINDS, PRIORITIES, proposalFieldsSchema } from "@/lib/pages/fields";
import { cursor, isoDate } from "@/lib/server/api/schemas/common";
import { reachabilitySchema } from "@/lib/server/api/schemas/reachability";

// The catalog's functions: the list's query, a function, one page of them and
// a function in detail with its proposal and the votes on it.

const slugPattern = /^[a-z0-9][a-z0-9-]*$/;

export const functionsQuerySchema = z.object({
  status: z
    .enum(STATUS_NAMES, { error: `Choose one of ${STATUS_NAMES.join(", ")}.` })
    .optional()
    .describe("Only functions with this status."),
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe("Only functions whose name contains this text (case-insensitive)."),
  project: z
    .string()
    .trim()
    .regex(slugPattern, "A project slug such as systemd.")
    .optional()
    .describe("Only functions this project needs (its slug)."),
  estimate: z
    .enum([...AS_SAFETY_ESTIMATES, "none"], { error: `Choose one of ${[...AS_SAFETY_ESTIMATES, "none"].join(", ")}.` })
    .optional()
    .describe(
      "Only functions with this AS-safety estimate: an agreed function's agreed one (an unreviewed edit never " +
        "changes it), otherwise its proposal's; none before any proposal.",
    ),
  limit: z.coerce
    .number()
    .int()
    .min(1, "At least 1.")
    .max(500, "At most 500.")
    .default(100)
    .describe("Items per page, 1–500."),
  cursor: cursor.optional(),
});

const safety = z.enum(["Safe", "Unsafe"]);

export const functionItemSchema = z
  .object({
    name: z.string(),
    status: z.enum(STATUS_NAMES),
    estimate: z
      .object({ kind: z.enum(IMPLEMENTATION_KINDS), asSafety: z.enum(AS_SAFETY_ESTIMATES) })
      .nullable()
      .describe(
        "The estimate the function stands at: the agreed revision's while an agreement stands, otherwise the " +
          "current proposal's; null before any proposal.",
      ),
    changesPending: z
      .boolean()
      .describe('Agreed, with a later revision not yet reviewed ("agreed · changes pending"): see `pending`.'),
    glibc: z
      .object({
        mt: safety,
        as: safety,
        ac: safety,
        mtNotes: z.string(),
        asNotes: z.string(),
        acNotes: z.string(),
        preliminary: z.boolean(),
        source: z.string().describe("The glibc commit or release the annotation was read from."),
      })
      .nullable()
      .describe("The glibc manual's MT/AS/AC-Safety annotation; null when the manual does not document the function."),
    posix: z
      .object({ status: z.enum(["listed", "removed"]), note: z.string() })
      .nullable()
      .describe("The POSIX async-signal-safe list (signal-safety(7)); null when not listed."),
    neededBy: z
      .array(z.object({ project: z.string(), priority: z.enum(PRIORITIES) }))
      .describe("Projects whose needs list names the function."),
    implementation: z
      .object({
        kind: z.string().describe("syscall-stub, assembly, ifunc, setxid-broadcast, syscall-wrapper, c or absent"),
        path: z.string().describe("The file that wins the routine's search, repo-relative; empty when absent."),
        syscall: z.string().describe("The first of syscalls, or empty."),
        provider: z
          .string()
          .describe("The file whose code provides the symbol: path, unless path compiles to nothing for the target."),
        line: z
          .number()
          .int()
          .describe("The line of the definition (or syscalls.list line) in provider; 0 if unknown."),
        syscalls: z.array(z.string()).describe("System calls the function makes (stubs and thin wrappers)."),
        via: z.array(z.string()).describe("Internal functions a wrapper goes through, in call order."),
        flags: z
          .array(z.string())
          .describe("E (no errno), V (errno returned), EXTRA (syscalls.list) and cancellation (a cancellation point)."),
      })
      .nullable()
      .describe("How glibc implements the function, read from its source tree; null when not imported."),
    reachability: reachabilitySchema,
  })
  .describe("A function of the catalog.");

export const functionListSchema = z.object({
  items: z.array(functionItemSchema),
  nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page."),
});

export const voteOutSchema = z.object({
  voter: z.string(),
  value: z.number().int().min(-2).max(2),
  comment: z.string(),
  updatedAt: isoDate,
});

const shownRevision = {
  revisionId: z.number().int(),
  number: z.number().int(),
  fields: proposalFieldsSchema,
  text: z.string().describe("The revision's prose in Markdown."),
};

export const functionDetailSchema = functionItemSchema
  .extend({
    agreed: z
      .object({ ...shownRevision, agreedAt: isoDate })
      .nullable()
      .describe("What the maintainers agreed, while an agreement stands; null otherwise."),
    pending: z
      .object({ ...shownRevision, savedAt: isoDate })
      .nullable()
      .describe("An agreed function's current revision when it is not the agreed one: not yet reviewed."),
    proposal: z
      .object({
        currentRevisionId: z.number().int().nullable().describe("Send it as If-Match when you change the proposal."),
        agreedRevisionId: z.number().int().nullable(),
        text: z.string(),
        fields: proposalFieldsSchema.nullable().describe("null before the first revision."),
      })
      .describe("The current revision, whatever its review."),
    votes: z.array(voteOutSchema).describe("Votes on the current revision."),
  })
  .describe("A function with its proposal and the votes on its current revision.");

export type FunctionItem = z.output<typeof functionItemSchema>;
export type FunctionDetail = z.output<typeof functionDetailSchema>;
