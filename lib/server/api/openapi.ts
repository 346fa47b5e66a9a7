import { z } from "zod";
import { API_WRITES_PER_MINUTE } from "@/lib/server/api/action";
import {
  agreementPostSchema,
  agreementResultSchema,
  decisionResultSchema,
  diffOutSchema,
  diffQuerySchema,
  errorSchema,
  functionDetailSchema,
  functionItemSchema,
  functionListSchema,
  functionsQuerySchema,
  needsOutSchema,
  needsPutSchema,
  proposalPutSchema,
  revisionListSchema,
  revisionOutSchema,
  revisionsQuerySchema,
  saveResultSchema,
  votePostSchema,
  voteResultSchema,
  withdrawalPostSchema,
} from "@/lib/server/api/schemas";

// The OpenAPI 3.1 document of the JSON API, generated from the zod schemas
// the handlers parse requests with and type their responses by. Served at
// /openapi.json and rendered at /api.

type JsonSchema = Record<string, unknown>;

interface Operation {
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

const REQUEST_SCHEMAS: Record<string, z.ZodType> = {
  ProposalPut: proposalPutSchema,
  NeedsPut: needsPutSchema,
  VotePost: votePostSchema,
  AgreementPost: agreementPostSchema,
  WithdrawalPost: withdrawalPostSchema,
};

const RESPONSE_SCHEMAS: Record<string, z.ZodType> = {
  Error: errorSchema,
  FunctionItem: functionItemSchema,
  FunctionList: functionListSchema,
  FunctionDetail: functionDetailSchema,
  SaveResult: saveResultSchema,
  NeedsList: needsOutSchema,
  Revision: revisionOutSchema,
  RevisionList: revisionListSchema,
  Diff: diffOutSchema,
  VoteResult: voteResultSchema,
  AgreementResult: agreementResultSchema,
  DecisionResult: decisionResultSchema,
};

const NAME = { name: "The function's name, e.g. setgroups." };
const SLUG = { slug: "The project's slug, e.g. systemd." };

const error = (description: string) => ({ description, schema: "Error" });
const E400 = error("The request is not valid: `fields` says what to correct.");
const E401 = error("No API token, or one that is unknown, revoked, or whose owner is disabled.");
const E403 = error("The token's owner may not do this.");
const E404 = (what: string) => error(`No such ${what}.`);
const E413 = error("The request body is larger than 20 MB.");
const E429 = {
  description:
    `More than ${API_WRITES_PER_MINUTE} writes in a minute with this token; ` + "Retry-After says when to try again.",
  schema: "Error",
  headers: { "Retry-After": "Seconds to wait." },
};

const SAVED = {
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

const OPERATIONS: Operation[] = [
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
  {
    method: "post",
    path: "/api/v1/functions/{name}/votes",
    operationId: "vote",
    summary: "Vote on the current revision",
    description: "Maintainers and admins. One vote per maintainer and revision; voting again changes it.",
    write: true,
    pathParams: NAME,
    body: "VotePost",
    responses: {
      "200": { description: "The vote is recorded.", schema: "VoteResult" },
      "400": E400,
      "401": E401,
      "403": E403,
      "404": E404("function"),
      "409": error("The revision is not the current one, or the function has no proposal."),
      "413": E413,
      "429": E429,
    },
  },
  {
    method: "post",
    path: "/api/v1/functions/{name}/agreement",
    operationId: "recordAgreement",
    summary: "Record agreement on the current revision",
    description: "Maintainers and admins, when the agreement rule is met.",
    write: true,
    pathParams: NAME,
    body: "AgreementPost",
    responses: {
      "200": { description: "Agreement is recorded.", schema: "AgreementResult" },
      "400": E400,
      "401": E401,
      "403": E403,
      "404": E404("function"),
      "409": error(
        "Refused by the review: the rule is not met (`rule` gives its state in words), agreement was " +
          "already recorded, or the revision is not current.",
      ),
      "413": E413,
      "429": E429,
    },
  },
  {
    method: "post",
    path: "/api/v1/functions/{name}/withdrawal",
    operationId: "withdraw",
    summary: "Withdraw the proposal",
    description:
      "Maintainers and admins may withdraw any proposal; withdrawing one with an agreement in force ends the " +
      "agreement, takes a reason, and lists the function under Withdrawn in the export. A representative may " +
      "withdraw only a request of their own project that was never agreed.",
    write: true,
    pathParams: NAME,
    body: "WithdrawalPost",
    responses: {
      "200": { description: "The proposal is withdrawn.", schema: "DecisionResult" },
      "400": E400,
      "401": E401,
      "403": E403,
      "404": E404("function"),
      "409": error("Already rejected or withdrawn, no proposal yet, or an agreement ends without a reason."),
      "413": E413,
      "429": E429,
    },
  },
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

/** JSON Schema for a component or a parameter: OpenAPI 3.1 takes JSON Schema 2020-12 inline, without $schema or $id. */
function clean(schema: JsonSchema): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => key !== "$schema" && key !== "$id"));
}

function components(schemas: Record<string, z.ZodType>, io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const out = z.toJSONSchema(registry, {
    io,
    target: "draft-2020-12",
    uri: (id) => `#/components/schemas/${id}`,
  }).schemas;
  return Object.fromEntries(Object.entries(out).map(([id, schema]) => [id, clean(schema as JsonSchema)]));
}

function queryParameters(query: z.ZodObject): JsonSchema[] {
  const schema = z.toJSONSchema(query, { io: "input", target: "draft-2020-12" }) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: "query",
      required: (schema.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const IF_MATCH = {
  name: "If-Match",
  in: "header",
  required: false,
  description:
    'The id of the revision the change is based on, in double quotes, e.g. "42" (the ETag of the GET). ' +
    "Required once the page has revisions; omit it only to create the first one. A stale revision is " +
    "merged with what was saved since.",
  schema: { type: "string", pattern: '^(W/)?"?[1-9][0-9]*"?$' },
};

function operationObject(op: Operation): JsonSchema {
  const parameters = [
    ...Object.entries(op.pathParams ?? {}).map(([name, description]) => ({
      name,
      in: "path",
      required: true,
      description,
      schema: { type: "string" },
    })),
    ...(op.query ? queryParameters(op.query) : []),
    ...(op.ifMatch ? [IF_MATCH] : []),
  ];
  const responses = Object.fromEntries(
    Object.entries(op.responses).map(([status, r]) => [
      status,
      {
        description: r.description,
        ...(r.headers
          ? {
              headers: Object.fromEntries(
                Object.entries(r.headers).map(([name, description]) => [
                  name,
                  { description, schema: { type: "string" } },
                ]),
              ),
            }
          : {}),
        ...(r.schema
          ? { content: { "application/json": { schema: { $ref: `#/components/schemas/${r.schema}` } } } }
          : {}),
      },
    ]),
  );
  return {
    operationId: op.operationId,
    summary: op.summary,
    description: op.description,
    tags: [op.path.startsWith("/api/v1/projects") ? "projects" : "functions"],
    security: op.write ? [{ bearerAuth: [] }] : [],
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: `#/components/schemas/${op.body}` } } },
          },
        }
      : {}),
    responses,
  };
}

let cached: JsonSchema | null = null;

/** The OpenAPI 3.1 document (the same object on every call; servers are filled in per request by the route). */
export function openApiDocument(): JsonSchema {
  if (cached) return cached;
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operationObject(op);
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Afterfork API",
      version: "1.0.0",
      description:
        "Which C library functions are safe to call in the child after fork() in a multithreaded " +
        "program: the catalog, proposals, reviews and projects' needs lists. Reads are public. Writes " +
        "need a personal access token (create one at /settings/tokens) sent as `Authorization: Bearer " +
        '<token>`; a token acts with its owner\'s role. Every error has the body `{ "error": { "code", ' +
        '"message", "fields"? } }` and writes nothing.',
    },
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    tags: [
      { name: "functions", description: "The catalog, proposals and their review." },
      { name: "projects", description: "Projects' needs lists." },
    ],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "A personal access token from /settings/tokens." },
      },
      schemas: { ...components(REQUEST_SCHEMAS, "input"), ...components(RESPONSE_SCHEMAS, "output") },
    },
  };
  return cached;
}

/** The document with the site's origin as its server. */
export function openApiDocumentFor(origin: string): JsonSchema {
  return { ...openApiDocument(), servers: [{ url: origin }] };
}
