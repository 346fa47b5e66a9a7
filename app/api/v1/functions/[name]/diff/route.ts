import { apiRoute, json, parseQuery } from "@/lib/server/api/http";
import { diffOf, functionPage } from "@/lib/server/api/pages";
import { diffOutSchema, diffQuerySchema } from "@/lib/server/api/schemas/pages";

export const GET = apiRoute<{ name: string }>(async (request, { name }) =>
  json(diffOutSchema, await diffOf(await functionPage(name), parseQuery(request, diffQuerySchema))),
);
