import { apiWriter } from "@/lib/api/auth";
import { apiRoute, json } from "@/lib/api/http";
import { postVote } from "@/lib/api/review";
import { voteResultSchema } from "@/lib/api/schemas";

export const POST = apiRoute<{ name: string }>(async (request, { name }) => {
  const { actor } = await apiWriter(request);
  return json(voteResultSchema, await postVote(actor, name, request));
});
