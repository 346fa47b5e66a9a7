import { z } from "zod";
import { FUNCTION_OPERATIONS } from "@/lib/server/api/openapi/functions";
import type { JsonSchema, Operation } from "@/lib/server/api/openapi/operation";
import { PROJECT_OPERATIONS } from "@/lib/server/api/openapi/projects";
import { REVIEW_OPERATIONS } from "@/lib/server/api/openapi/review";
import { errorSchema } from "@/lib/server/api/schemas/common";
import { functionDetailSchema, functionItemSchema, functionListSchema } from "@/lib/server/api/schemas/functions";
import {
  diffOutSchema,
  needsOutSchema,
  needsPutSchema,
  proposalPutSchema,
  revisionListSchema,
  revisionOutSchema,
  saveResultSchema,
} from "@/lib/server/api/schemas/pages";
import {
  agreementPostSchema,
  agreementResultSchema,
  decisionResultSchema,
  votePostSchema,
  voteResultSchema,
  withdrawalPostSchema,
} from "@/lib/server/api/schemas/review";

// The OpenAPI 3.1 document of the JSON API, generated from the zod schemas
// the handlers parse requests with and type their responses by (schemas/),
// with the paths of each resource from functions.ts, review.ts and
// projects.ts. Served at /openapi.json and rendered at /api.

const OPERATIONS: Operation[] = [...FUNCTION_OPERATIONS, ...REVIEW_OPERATIONS, ...PROJECT_OPERATIONS];

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
