import { diffQuerySchema, revisionsQuerySchema } from "@/lib/server/api/schemas/pages";
import { E400, E401, E403, E404, E413, E429, SAVED, SLUG, type Operation } from "@/lib/server/api/openapi/operation";

// Projects' needs lists: reading, saving, history, diffs.

export const PROJECT_OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/v1/projects/{slug}/needs",
    operationId: "getNeeds",
    summary: "Get a project's needs list",
    description:
      "The functions a project calls after fork(), with priority, rationale and context, as of the current revision.",
    write: false,
    pathParams: SLUG,
    responses: {
      "200": {
        description: "The needs list.",
        schema: "NeedsList",
        headers: { ETag: "The current revision id in quotes (absent before the first revision)." },
      },
      "404": E404("project"),
    },
  },
  {
    method: "put",
    path: "/api/v1/projects/{slug}/needs",
    operationId: "putNeeds",
    summary: "Save a new revision of a project's needs list",
    description:
      "The project's representatives and admins. Send the whole list; If-Match names the revision it is " +
      "based on (none for a first revision). Projects can regenerate the list from their source tree in " +
      "CI and send it: an unchanged list writes nothing.",
    write: true,
    pathParams: SLUG,
    ifMatch: true,
    body: "NeedsPut",
    responses: { ...SAVED, "400": E400, "401": E401, "403": E403, "404": E404("project"), "413": E413, "429": E429 },
  },
  {
    method: "get",
    path: "/api/v1/projects/{slug}/revisions",
    operationId: "listNeedsRevisions",
    summary: "A needs list's history",
    description: "Revisions of the project's needs list, newest first.",
    write: false,
    pathParams: SLUG,
    query: revisionsQuerySchema,
    responses: {
      "200": { description: "One page of revisions.", schema: "RevisionList" },
      "400": E400,
      "404": E404("project"),
    },
  },
  {
    method: "get",
    path: "/api/v1/projects/{slug}/diff",
    operationId: "diffNeeds",
    summary: "Compare two revisions of a needs list",
    description: "Rows added, removed and changed, and a line diff of the text, between two revisions (ids).",
    write: false,
    pathParams: SLUG,
    query: diffQuerySchema,
    responses: {
      "200": { description: "The diff.", schema: "Diff" },
      "400": E400,
      "404": E404("project, needs list or revision"),
    },
  },
];
