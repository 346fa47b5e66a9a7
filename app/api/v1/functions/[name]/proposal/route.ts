import { editPermissionOf } from "@/lib/pages/kinds";
import { apiAction } from "@/lib/server/api/action";
import { etag, json, readIfMatch } from "@/lib/server/api/http";
import { functionPage, putProposal } from "@/lib/server/api/pages";
import { proposalPutSchema, saveResultSchema } from "@/lib/server/api/schemas/pages";

export const PUT = apiAction<{ name: string }, typeof proposalPutSchema>(
  { body: proposalPutSchema, permission: async ({ params }) => editPermissionOf(await functionPage(params.name)) },
  async ({ request, params, body, actor }) => {
    const page = await functionPage(params.name);
    const { status, result, location } = await putProposal(actor, page, body, readIfMatch(request));
    return json(saveResultSchema, result, { status, headers: { location, ...etag(result.revisionId) } });
  },
);
