import { apiWriter } from "@/lib/server/api/auth";
import { apiRoute, json } from "@/lib/server/api/http";
import { postVote } from "@/lib/server/api/review";
import { voteResultSchema } from "@/lib/server/api/schemas";

export const POST = apiRoute<{ name: string }>(async (request, { name }) => {
  const { actor } = await apiWriter(request);
  return json(voteResultSchema, await postVote(actor, name, request));
});
