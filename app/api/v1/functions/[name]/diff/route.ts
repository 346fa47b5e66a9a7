import { apiRoute, json, parseQuery } from "@/lib/api/http";
import { diffOf, functionPage } from "@/lib/api/pages";
import { diffOutSchema, diffQuerySchema } from "@/lib/api/schemas";

export const GET = apiRoute<{ name: string }>(async (request, { name }) =>
  json(diffOutSchema, await diffOf(await functionPage(name), parseQuery(request, diffQuerySchema))),
);
