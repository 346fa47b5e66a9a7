import { getFunctionDetail } from "@/lib/server/api/functions";
import { apiRoute, etag, json, notFound } from "@/lib/server/api/http";
import { functionDetailSchema } from "@/lib/server/api/schemas/functions";

export const GET = apiRoute<{ name: string }>(async (_request, { name }) => {
  const detail = await getFunctionDetail(name);
  if (!detail) throw notFound(`There is no function named ${name} in the catalog.`);
  return json(functionDetailSchema, detail, { headers: etag(detail.proposal.currentRevisionId) });
});
