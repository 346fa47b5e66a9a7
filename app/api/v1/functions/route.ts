import { listFunctionItems } from "@/lib/server/api/functions";
import { apiRoute, json, parseQuery } from "@/lib/server/api/http";
import { functionListSchema, functionsQuerySchema } from "@/lib/server/api/schemas/functions";

export const GET = apiRoute(async (request) =>
  json(functionListSchema, await listFunctionItems(parseQuery(request, functionsQuerySchema))),
);
