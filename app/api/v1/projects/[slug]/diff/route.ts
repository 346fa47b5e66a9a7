import { apiRoute, json, parseQuery } from "@/lib/api/http";
import { diffOf, projectPage } from "@/lib/api/pages";
import { diffOutSchema, diffQuerySchema } from "@/lib/api/schemas";

export const GET = apiRoute<{ slug: string }>(async (request, { slug }) =>
  json(diffOutSchema, await diffOf(await projectPage(slug), parseQuery(request, diffQuerySchema))),
);
