import { apiAction } from "@/lib/server/api/action";
import { apiRoute, etag, json } from "@/lib/server/api/http";
import { needsOf, projectPage, putNeeds } from "@/lib/server/api/pages";
import { needsOutSchema, saveResultSchema } from "@/lib/server/api/schemas";

export const GET = apiRoute<{ slug: string }>(async (_request, { slug }) => {
  const needs = await needsOf(slug);
  return json(needsOutSchema, needs, { headers: etag(needs.currentRevisionId) });
});

export const PUT = apiAction<{ slug: string }>(
  {
    permission: async ({ params }) => ({
      action: "needs.edit",
      projectId: (await projectPage(params.slug)).projectId ?? -1,
    }),
  },
  async ({ request, params, actor }) => {
    const { status, result, location } = await putNeeds(actor, params.slug, request);
    return json(saveResultSchema, result, { status, headers: { location, ...etag(result.revisionId) } });
  },
);
