import { apiAction } from "@/lib/server/api/action";
import { json } from "@/lib/server/api/http";
import { postAgreement } from "@/lib/server/api/review";
import { agreementPostSchema, agreementResultSchema } from "@/lib/server/api/schemas/review";

export const POST = apiAction<{ name: string }, typeof agreementPostSchema>(
  { body: agreementPostSchema, permission: () => ({ action: "decision.record" }) },
  async ({ params, body, actor }) => json(agreementResultSchema, await postAgreement(actor, params.name, body)),
);
