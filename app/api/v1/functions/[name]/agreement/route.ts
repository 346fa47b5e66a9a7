import { apiWriter } from "@/lib/api/auth";
import { apiRoute, json } from "@/lib/api/http";
import { postAgreement } from "@/lib/api/review";
import { agreementResultSchema } from "@/lib/api/schemas";

export const POST = apiRoute<{ name: string }>(async (request, { name }) => {
  const { actor } = await apiWriter(request);
  return json(agreementResultSchema, await postAgreement(actor, name, request));
});
