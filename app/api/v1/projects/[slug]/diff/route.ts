import { apiRoute, json, parseQuery } from "@/lib/server/api/http";
import { diffOf, projectPage } from "@/lib/server/api/pages";
import { diffOutSchema, diffQuerySchema } from "@/lib/server/api/schemas/pages";

export const GET = apiRoute<{ slug: string }>(async (request, { slug }) =>
  json(diffOutSchema, await diffOf(await projectPage(slug), parseQuery(request, diffQuerySchema))),
);
