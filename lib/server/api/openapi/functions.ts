import { diffQuerySchema, revisionsQuerySchema } from "@/lib/server/api/schemas/pages";
import { functionsQuerySchema } from "@/lib/server/api/schemas/functions";
import { E400, E401, E403, E404, E413, E429, NAME, SAVED, type Operation } from "@/lib/server/api/openapi/operation";

// The catalog's functions and their proposals: reading, saving, history, diffs.

export const FUNCTION_OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/v1/functions",
    operationId: "listFunctions",
    summary: "List functions",
    description:
      "The catalog ordered by name, with each function's status, estimate, glibc manual annotation, " +
      "POSIX entry, the projects that need it and how glibc implements it.",
    write: false,
    query: functionsQuerySchema,
    responses: { "200": { description: "One page of functions.", schema: "FunctionList" }, "400": E400 },
  },
  {
    method: "get",
    path: "/api/v1/functions/{name}",
    operationId: "getFunction",
    summary: "Get a function",
    description:
      "A function with its proposal (current and agreed revision, text, fields) and the votes on the current revision.",
    write: false,
    pathParams: NAME,
    responses: {
      "200": {
        description: "The function.",
        schema: "FunctionDetail",
        headers: { ETag: "The proposal's current revision id in quotes (absent before the first revision)." },
      },
      "404": E404("function"),
    },
  },
  {
    method: "put",
    path: "/api/v1/functions/{name}/proposal",
    operationId: "putProposal",
    summary: "Save a new revision of a proposal",
    description:
      "Representatives, maintainers and admins. Send If-Match with the revision the change is based on " +
      "(none for a first revision).",
    write: true,
    pathParams: NAME,
    ifMatch: true,
    body: "ProposalPut",
    responses: { ...SAVED, "400": E400, "401": E401, "403": E403, "404": E404("function"), "413": E413, "429": E429 },
  },
  {
    method: "get",
    path: "/api/v1/functions/{name}/revisions",
    operationId: "listProposalRevisions",
    summary: "A proposal's history",
    description: "Revisions of the function's proposal, newest first.",
    write: false,
    pathParams: NAME,
    query: revisionsQuerySchema,
    responses: {
      "200": { description: "One page of revisions.", schema: "RevisionList" },
      "400": E400,
      "404": E404("function"),
    },
  },
  {
    method: "get",
    path: "/api/v1/functions/{name}/diff",
    operationId: "diffProposal",
    summary: "Compare two revisions of a proposal",
    description: "Field changes and a line diff of the text between two revisions (ids).",
    write: false,
    pathParams: NAME,
    query: diffQuerySchema,
    responses: {
      "200": { description: "The diff.", schema: "Diff" },
      "400": E400,
      "404": E404("function, proposal or revision"),
    },
  },
];
