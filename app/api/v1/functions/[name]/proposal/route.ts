import { apiWriter } from "@/lib/server/api/auth";
import { apiRoute, etag, json } from "@/lib/server/api/http";
import { putProposal } from "@/lib/server/api/pages";
import { saveResultSchema } from "@/lib/server/api/schemas";

export const PUT = apiRoute<{ name: string }>(async (request, { name }) => {
  const { actor } = await apiWriter(request);
  const { status, result, location } = await putProposal(actor, name, request);
  return json(saveResultSchema, result, { status, headers: { location, ...etag(result.revisionId) } });
});
