import { apiWriter } from "@/lib/server/api/auth";
import { apiRoute, json } from "@/lib/server/api/http";
import { postAgreement } from "@/lib/server/api/review";
import { agreementResultSchema } from "@/lib/server/api/schemas";

export const POST = apiRoute<{ name: string }>(async (request, { name }) => {
  const { actor } = await apiWriter(request);
  return json(agreementResultSchema, await postAgreement(actor, name, request));
});
