"use server";

import { revalidatePath } from "next/cache";
import { ActionError, safeAction } from "@/lib/server/actions/safe-action";
import type { FormState } from "@/lib/server/actions/state";
import { createTokenSchema, revokeTokenSchema } from "@/lib/tokens/schema";
import { createApiToken, revokeApiToken, TokenError } from "@/lib/tokens/tokens";

/** The form state of "create a token": on success it also carries the token, shown once. */
export type CreatedTokenState = FormState & { token?: string };

export const createApiTokenAction = safeAction(
  { schema: createTokenSchema, permission: () => ({ action: "tokens.manage" }), rateLimitPerMinute: 10 },
  async (input, actor) => {
    try {
      const created = await createApiToken(actor.id, input.name, actor.id);
      revalidatePath("/settings/tokens");
      const state: CreatedTokenState = {
        status: "ok",
        message: `Token “${created.name}” created. Copy it now: it is not shown again.`,
        token: created.token,
      };
      return state;
    } catch (error) {
      if (error instanceof TokenError) throw new ActionError(error.message);
      throw error;
    }
  },
);

export const revokeApiTokenAction = safeAction(
  { schema: revokeTokenSchema, permission: () => ({ action: "tokens.manage" }), rateLimitPerMinute: 30 },
  async (input, actor) => {
    if (!(await revokeApiToken(actor.id, input.tokenId)))
      throw new ActionError("That token does not exist or is already revoked.");
    revalidatePath("/settings/tokens");
    return { status: "ok", message: "The token is revoked; requests with it are refused from now on." };
  },
);
