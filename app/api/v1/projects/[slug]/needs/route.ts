import { apiWriter } from "@/lib/server/api/auth";
import { apiRoute, etag, json } from "@/lib/server/api/http";
import { needsOf, putNeeds } from "@/lib/server/api/pages";
import { needsOutSchema, saveResultSchema } from "@/lib/server/api/schemas";

export const GET = apiRoute<{ slug: string }>(async (_request, { slug }) => {
  const needs = await needsOf(slug);
  return json(needsOutSchema, needs, { headers: etag(needs.currentRevisionId) });
});

export const PUT = apiRoute<{ slug: string }>(async (request, { slug }) => {
  const { actor } = await apiWriter(request);
  const { status, result, location } = await putNeeds(actor, slug, request);
  return json(saveResultSchema, result, { status, headers: { location, ...etag(result.revisionId) } });
});
