import { apiRoute, json, parseQuery } from "@/lib/api/http";
import { projectPage, revisionsOf } from "@/lib/api/pages";
import { revisionListSchema, revisionsQuerySchema } from "@/lib/api/schemas";

export const GET = apiRoute<{ slug: string }>(async (request, { slug }) =>
  json(revisionListSchema, await revisionsOf(await projectPage(slug), parseQuery(request, revisionsQuerySchema))),
);
