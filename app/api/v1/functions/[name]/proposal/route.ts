import { apiWriter } from "@/lib/api/auth";
import { apiRoute, etag, json } from "@/lib/api/http";
import { putProposal } from "@/lib/api/pages";
import { saveResultSchema } from "@/lib/api/schemas";

export const PUT = apiRoute<{ name: string }>(async (request, { name }) => {
  const { actor } = await apiWriter(request);
  const { status, result, location } = await putProposal(actor, name, request);
  return json(saveResultSchema, result, { status, headers: { location, ...etag(result.revisionId) } });
});
