import { z } from "zod";
import {
  functionNameSchema,
  needRowSchema,
  needsFieldsSchema,
  NEEDS_ROWS_MAX,
  proposalFieldsSchema,
  revisionTextSchema,
  summarySchema,
} from "@/lib/pages/fields";
import { cursor, isoDate } from "@/lib/server/api/schemas/common";

// Versioned pages (a function's proposal, a project's needs list): saving a
// revision and its outcome, the needs list, the history and the diff of two
// revisions.

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
        "Names the catalog lacks that should be added to it as new functions; any other unknown name is " +
          "refused, so a typo does not become a function.",
      ),
    text: revisionTextSchema
      .optional()
      .describe("The needs page's prose in Markdown; omitted: unchanged from the base revision."),
    summary: summarySchema.default("").describe("Edit summary shown in the history."),
  })
  .describe("A new revision of a project's needs list.");

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

export type SaveResult = z.output<typeof saveResultSchema>;
