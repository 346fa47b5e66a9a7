import { apiAction } from "@/lib/server/api/action";
import { json } from "@/lib/server/api/http";
import { postWithdrawal, withdrawalPermission } from "@/lib/server/api/review";
import { decisionResultSchema, withdrawalPostSchema } from "@/lib/server/api/schemas/review";

export const POST = apiAction<{ name: string }, typeof withdrawalPostSchema>(
  { body: withdrawalPostSchema, permission: ({ params }) => withdrawalPermission(params.name) },
  async ({ params, body, actor }) => json(decisionResultSchema, await postWithdrawal(actor, params.name, body)),
);
