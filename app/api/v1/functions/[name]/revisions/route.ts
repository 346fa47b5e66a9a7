import { apiRoute, json, parseQuery } from "@/lib/api/http";
import { functionPage, revisionsOf } from "@/lib/api/pages";
import { revisionListSchema, revisionsQuerySchema } from "@/lib/api/schemas";

export const GET = apiRoute<{ name: string }>(async (request, { name }) =>
  json(revisionListSchema, await revisionsOf(await functionPage(name), parseQuery(request, revisionsQuerySchema))),
);
