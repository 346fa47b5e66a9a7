import type { z } from "zod";
import { API_WRITES_PER_MINUTE } from "@/lib/server/api/action";

// What the per-resource path modules (functions.ts, review.ts, projects.ts)
// describe an operation with, and the responses they share; document.ts turns
// the operations into the OpenAPI document.

export type JsonSchema = Record<string, unknown>;

export interface Operation {
  method: "get" | "put" | "post";
  path: string;
  operationId: string;
  summary: string;
  description: string;
  /** Writes need a bearer token; reads are public. */
  write: boolean;
  pathParams?: Record<string, string>;
  query?: z.ZodObject;
  /** Sends If-Match with the base revision. */
  ifMatch?: boolean;
  body?: string;
  responses: Record<string, { description: string; schema?: string; headers?: Record<string, string> }>;
}

export const NAME = { name: "The function's name, e.g. setgroups." };
export const SLUG = { slug: "The project's slug, e.g. systemd." };

export const error = (description: string) => ({ description, schema: "Error" });
export const E400 = error("The request is not valid: `fields` says what to correct.");
export const E401 = error("No API token, or one that is unknown, revoked, or whose owner is disabled.");
export const E403 = error("The token's owner may not do this.");
export const E404 = (what: string) => error(`No such ${what}.`);
export const E413 = error("The request body is larger than 20 MB.");
export const E429 = {
  description:
    `More than ${API_WRITES_PER_MINUTE} writes in a minute with this token; ` + "Retry-After says when to try again.",
  schema: "Error",
  headers: { "Retry-After": "Seconds to wait." },
};

export const SAVED = {
  "200": {
    description:
      "Nothing changed (the content is the current revision's, or the base revision's): no revision was written.",
    schema: "SaveResult",
  },
  "201": {
    description:
      "Saved as a new revision. `merged` is true when the base was stale and the change merged cleanly " +
      "with what was saved since.",
    schema: "SaveResult",
    headers: { Location: "The new revision's page on the site.", ETag: "The new revision's id in quotes." },
  },
  "409": error(
    "Edit conflict: the page changed since the base revision in the same places. Nothing was written; " +
      "`currentRevisionId` and `conflicts` say what to merge.",
  ),
  "412": error(
    "If-Match is missing or malformed while the page has revisions, names a revision of another page, " +
      "or is sent for a page without revisions. `currentRevisionId` is the one to base on.",
  ),
};
