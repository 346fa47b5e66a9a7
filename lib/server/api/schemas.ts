import { z } from "zod";
import { STATUS_NAMES } from "@/lib/functions/status";
import {
  AS_SAFETY_ESTIMATES,
  functionNameSchema,
  IMPLEMENTATION_KINDS,
  needRowSchema,
  needsFieldsSchema,
  NEEDS_ROWS_MAX,
  PRIORITIES,
  proposalFieldsSchema,
  revisionTextSchema,
  summarySchema,
} from "@/lib/pages/fields";
import { agreementSchema, voteSchema, withdrawSchema } from "@/lib/review/schema";
import { decodeCursor } from "@/lib/server/api/cursor";

// The JSON API's requests and responses. Request schemas reuse the page and
// review schemas the forms use; response schemas type the handlers' output
// (so the compiler holds the code to the documentation) and are turned into
// the OpenAPI document by lib/api/openapi.ts.

// ---- Requests -------------------------------------------------------------

const slugPattern = /^[a-z0-9][a-z0-9-]*$/;

const cursor = z
  .string()
  .max(500)
  .transform((value, ctx) => {
    const decoded = decodeCursor(value);
    if (decoded === null) {
      ctx.addIssue({ code: "custom", message: "Not a cursor from this API: pass the nextCursor of a previous page." });
      return z.NEVER;
    }
    return decoded;
  })
  .describe("Opaque: the `nextCursor` of the previous page.");

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

export const revisionsQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1, "At least 1.")
    .max(200, "At most 200.")
    .default(50)
    .describe("Revisions per page, newest first, 1–200."),
  cursor: cursor.optional(),
});

const revisionIdParam = z.coerce.number({ error: "A revision id." }).int("A revision id.").positive("A revision id.");

export const diffQuerySchema = z.object({
  from: revisionIdParam
    .optional()
    .describe("Revision id of the older side; default: the parent of `to` (an empty page for a first revision)."),
  to: revisionIdParam.optional().describe("Revision id of the newer side; default: the current revision."),
});

export const proposalPutSchema = z
  .object({
    fields: proposalFieldsSchema,
    text: revisionTextSchema
      .optional()
      .describe("The proposal's prose in Markdown; omitted: unchanged from the base revision."),
    summary: summarySchema.default("").describe("Edit summary shown in the history."),
  })
  .describe("A new revision of a function's proposal.");

export const needsPutSchema = z
  .object({
    needs: needsFieldsSchema.shape.rows.describe("The whole list, in order; a function may appear once."),
    keepUnknown: z
      .array(functionNameSchema)
      .max(NEEDS_ROWS_MAX)
      .default([])
      .describe(
        "Names the catalog lacks that should be added to it as new functions; any other unknown name is refused, so a typo does not become a function.",
      ),
    text: revisionTextSchema
      .optional()
      .describe("The needs page's prose in Markdown; omitted: unchanged from the base revision."),
    summary: summarySchema.default("").describe("Edit summary shown in the history."),
  })
  .describe("A new revision of a project's needs list.");

export const votePostSchema = voteSchema
  .pick({ revisionId: true, value: true, comment: true })
  .describe("A maintainer's vote (−2…+2) on the current revision.");

export const agreementPostSchema = agreementSchema
  .pick({ revisionId: true })
  .describe("Records agreement on the current revision, if the agreement rule is met.");

// ---- Responses ------------------------------------------------------------

const isoDate = z.iso.datetime().describe("UTC, ISO 8601");
const safety = z.enum(["Safe", "Unsafe"]);

export const errorSchema = z
  .object({
    error: z.object({
      code: z
        .string()
        .describe(
          "Stable, machine-readable: invalid_request, invalid_json, unauthenticated, forbidden, not_found, edit_conflict, review_conflict, rule_not_met, precondition_failed, too_large, rate_limited, internal_error.",
        ),
      message: z.string().describe("What went wrong, in words for people."),
      fields: z
        .record(z.string(), z.array(z.string()))
        .optional()
        .describe("Per-field messages, keyed by path such as `needs.2.priority`."),
      currentRevisionId: z
        .number()
        .int()
        .nullable()
        .optional()
        .describe("On 409 and 412: the page's current revision."),
      conflicts: z.array(z.string()).optional().describe("On an edit conflict: what both sides changed."),
      rule: z
        .object({
          met: z.boolean(),
          approvals: z.number().int(),
          strongApprovals: z.number().int(),
          vetoes: z.number().int(),
          words: z.string(),
        })
        .optional()
        .describe("When agreement is refused: the agreement rule's state."),
      retryAfterSeconds: z.number().int().optional().describe("On 429."),
    }),
  })
  .describe("Every error. Nothing is written when a request fails.");

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
        path: z.string(),
        syscall: z.string(),
      })
      .nullable()
      .describe("How glibc implements the function, read from its source tree; null when not imported."),
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

export const saveResultSchema = z
  .object({
    revisionId: z.number().int().describe("The page's current revision after the request."),
    number: z.number().int().describe("Its number within the page (1, 2, 3…)."),
    merged: z
      .boolean()
      .describe("True when the change was based on an older revision and merged cleanly with what was saved since."),
    unchanged: z.boolean().describe("True when the request changed nothing, so no revision was written."),
  })
  .describe("The outcome of a save.");

export const needsOutSchema = z
  .object({
    project: z.string().describe("The project's slug."),
    name: z.string(),
    currentRevisionId: z
      .number()
      .int()
      .nullable()
      .describe("Send it as If-Match when you change the list; null before the first revision."),
    text: z.string(),
    needs: z.array(needRowSchema),
  })
  .describe("A project's needs list as of its current revision.");

export const revisionOutSchema = z.object({
  id: z.number().int(),
  number: z.number().int(),
  summary: z.string(),
  author: z.string(),
  createdAt: isoDate,
  size: z.number().int().describe("Bytes of text plus serialised fields."),
  sizeChange: z.number().int().nullable(),
  restoredFromId: z.number().int().nullable(),
});

export const revisionListSchema = z.object({
  items: z.array(revisionOutSchema).describe("Newest first."),
  nextCursor: z.string().nullable(),
});

const segment = z.object({ text: z.string(), changed: z.boolean() });
const diffRowSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("same"), oldNo: z.number().int(), newNo: z.number().int(), text: z.string() }),
  z.object({
    kind: z.literal("change"),
    oldNo: z.number().int().nullable(),
    newNo: z.number().int().nullable(),
    old: z.array(segment).nullable(),
    new: z.array(segment).nullable(),
  }),
  z.object({
    kind: z.literal("collapsed"),
    oldNo: z.number().int(),
    newNo: z.number().int(),
    lines: z.array(z.object({ oldNo: z.number().int(), newNo: z.number().int(), text: z.string() })),
  }),
]);
const fieldChange = z.object({ field: z.string(), from: z.string(), to: z.string() });
const fieldsDiffSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("proposal"), changes: z.array(fieldChange) }),
  z.object({
    kind: z.literal("needs"),
    needs: z.object({
      added: z.array(needRowSchema),
      removed: z.array(needRowSchema),
      changed: z.array(z.object({ function: z.string(), changes: z.array(fieldChange) })),
      reordered: z.boolean(),
    }),
  }),
]);
const revisionRef = z.object({ id: z.number().int(), number: z.number().int() });

export const diffOutSchema = z
  .object({
    from: revisionRef.nullable().describe("null: compared with an empty page."),
    to: revisionRef,
    fields: fieldsDiffSchema.describe("Proposal fields that changed, or needs rows added, removed and changed."),
    text: z
      .array(diffRowSchema)
      .describe("Line diff of the prose; changed lines carry word-level segments; long unchanged runs are collapsed."),
  })
  .describe("A structured diff between two revisions of one page.");

export const voteResultSchema = z.object({
  revisionId: z.number().int(),
  value: z.number().int(),
  comment: z.string(),
  status: z.enum(STATUS_NAMES).describe("The function's status after the vote."),
});

export const withdrawalPostSchema = withdrawSchema
  .pick({ reason: true })
  .describe(
    "Withdraws the proposal at its current revision. Maintainers may withdraw any proposal; ending an agreement " +
      "takes a reason. A representative may withdraw only a request of their own project that was never agreed.",
  );

export const decisionResultSchema = z.object({
  revisionId: z.number().int(),
  status: z.enum(STATUS_NAMES),
  decidedAt: isoDate,
});

export const agreementResultSchema = z.object({
  revisionId: z.number().int(),
  status: z.enum(STATUS_NAMES),
  agreedAt: isoDate,
});

export type FunctionItem = z.output<typeof functionItemSchema>;
export type FunctionDetail = z.output<typeof functionDetailSchema>;
export type SaveResult = z.output<typeof saveResultSchema>;
export type ApiErrorBody = z.output<typeof errorSchema>;
