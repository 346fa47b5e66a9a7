import { apiAction } from "@/lib/server/api/action";
import { etag, json } from "@/lib/server/api/http";
import { putProposal } from "@/lib/server/api/pages";
import { saveResultSchema } from "@/lib/server/api/schemas";

export const PUT = apiAction<{ name: string }>(
  { permission: () => ({ action: "proposal.suggest" }) },
  async ({ request, params, actor }) => {
    const { status, result, location } = await putProposal(actor, params.name, request);
    return json(saveResultSchema, result, { status, headers: { location, ...etag(result.revisionId) } });
  },
);
