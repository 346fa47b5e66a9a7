import { apiRoute, json, parseQuery } from "@/lib/server/api/http";
import { projectPage, revisionsOf } from "@/lib/server/api/pages";
import { revisionListSchema, revisionsQuerySchema } from "@/lib/server/api/schemas/pages";

export const GET = apiRoute<{ slug: string }>(async (request, { slug }) =>
  json(revisionListSchema, await revisionsOf(await projectPage(slug), parseQuery(request, revisionsQuerySchema))),
);
