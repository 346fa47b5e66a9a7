import { editPermissionOf } from "@/lib/pages/kinds";
import { apiAction } from "@/lib/server/api/action";
import { apiRoute, etag, json, readIfMatch } from "@/lib/server/api/http";
import { needsOf, projectPage, putNeeds } from "@/lib/server/api/pages";
import { needsOutSchema, needsPutSchema, saveResultSchema } from "@/lib/server/api/schemas/pages";

export const GET = apiRoute<{ slug: string }>(async (_request, { slug }) => {
  const needs = await needsOf(slug);
  return json(needsOutSchema, needs, { headers: etag(needs.currentRevisionId) });
});

export const PUT = apiAction<{ slug: string }, typeof needsPutSchema>(
  { body: needsPutSchema, permission: async ({ params }) => editPermissionOf(await projectPage(params.slug)) },
  async ({ request, params, body, actor }) => {
    const page = await projectPage(params.slug);
    const { status, result, location } = await putNeeds(actor, page, body, readIfMatch(request));
    return json(saveResultSchema, result, { status, headers: { location, ...etag(result.revisionId) } });
  },
);
