import { apiRoute, json, parseQuery } from "@/lib/server/api/http";
import { functionPage, revisionsOf } from "@/lib/server/api/pages";
import { revisionListSchema, revisionsQuerySchema } from "@/lib/server/api/schemas/pages";

export const GET = apiRoute<{ name: string }>(async (request, { name }) =>
  json(revisionListSchema, await revisionsOf(await functionPage(name), parseQuery(request, revisionsQuerySchema))),
);
