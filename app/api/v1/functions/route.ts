import { listFunctionItems } from "@/lib/api/functions";
import { apiRoute, json, parseQuery } from "@/lib/api/http";
import { functionListSchema, functionsQuerySchema } from "@/lib/api/schemas";

export const GET = apiRoute(async (request) => json(functionListSchema, await listFunctionItems(parseQuery(request, functionsQuerySchema))));
