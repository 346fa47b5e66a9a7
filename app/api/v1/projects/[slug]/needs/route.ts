import { apiWriter } from "@/lib/api/auth";
import { apiRoute, etag, json } from "@/lib/api/http";
import { needsOf, putNeeds } from "@/lib/api/pages";
import { needsOutSchema, saveResultSchema } from "@/lib/api/schemas";

export const GET = apiRoute<{ slug: string }>(async (_request, { slug }) => {
  const needs = await needsOf(slug);
  return json(needsOutSchema, needs, { headers: etag(needs.currentRevisionId) });
});

export const PUT = apiRoute<{ slug: string }>(async (request, { slug }) => {
  const { actor } = await apiWriter(request);
  const { status, result, location } = await putNeeds(actor, slug, request);
  return json(saveResultSchema, result, { status, headers: { location, ...etag(result.revisionId) } });
});
