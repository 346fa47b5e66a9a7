import { apiAction } from "@/lib/server/api/action";
import { json } from "@/lib/server/api/http";
import { postVote } from "@/lib/server/api/review";
import { votePostSchema, voteResultSchema } from "@/lib/server/api/schemas/review";

export const POST = apiAction<{ name: string }, typeof votePostSchema>(
  { body: votePostSchema, permission: () => ({ action: "vote.cast" }) },
  async ({ params, body, actor }) => json(voteResultSchema, await postVote(actor, params.name, body)),
);
