import { z } from "zod";
import { decodeCursor } from "@/lib/server/api/cursor";

// The JSON API's requests and responses, by resource: common.ts (what every
// resource shares: the cursor, dates, the error body), functions.ts, pages.ts
// (proposals and needs lists: saves, revisions, diffs) and review.ts. Request
// schemas reuse the page and review schemas the forms use; response schemas
// type the handlers' output (so the compiler holds the code to the
// documentation) and are turned into the OpenAPI document by
// lib/server/api/openapi/document.ts.

export const cursor = z
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

export const isoDate = z.iso.datetime().describe("UTC, ISO 8601");

export const errorSchema = z
  .object({
    error: z.object({
      code: z
        .string()
        .describe(
          "Stable, machine-readable: invalid_request, invalid_json, unauthenticated, forbidden, not_found, " +
            "edit_conflict, review_conflict, rule_not_met, precondition_failed, too_large, rate_limited, " +
            "internal_error.",
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

export type ApiErrorBody = z.output<typeof errorSchema>;
