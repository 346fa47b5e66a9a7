"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { createLinkIntent, LINK_INTENT_COOKIE, LINK_INTENT_SECONDS } from "@/lib/auth/link-intent";
import { enabledOAuthProviders } from "@/lib/auth/oauth-providers";
import { currentAuthSecret } from "@/lib/auth/secret";
import { sessionVersionOf } from "@/lib/auth/session-version";
import { ActionError, safeAction, safeCall } from "@/lib/server/actions/safe-action";
import { AccountError, changePassword, changePasswordSchema, signOutEverywhere } from "@/lib/users/account";

const own = { permission: () => ({ action: "account.manage" }) as const, rateLimitPerMinute: 10 };

/** A new password ends every session, this one too: the user signs in again with it. */
export const changePasswordAction = safeAction({ schema: changePasswordSchema, ...own }, async (input, actor) => {
  try {
    await changePassword(actor.id, input);
  } catch (error) {
    if (error instanceof AccountError)
      throw new ActionError(error.message, error.field ? { [error.field]: [error.message] } : undefined);
    throw error;
  }
  redirect("/signin?ended=password");
});

export const signOutEverywhereAction = safeAction({ schema: z.object({}), ...own }, async (_input, actor) => {
  await signOutEverywhere(actor.id);
  redirect("/signin?ended=everywhere");
});

const linkSchema = z.object({ provider: z.string().max(40) });

/**
 * Starts linking a provider to the signed-in account: a short-lived signed
 * cookie records the owner's intent, which the OAuth callback checks against
 * the session (lib/auth/options.ts). The page then starts the provider's sign-in.
 */
export const startOAuthLinkAction = safeCall(
  { schema: linkSchema, ...own },
  async (input, actor): Promise<{ ok: true } | { ok: false; error: string }> => {
    if (!enabledOAuthProviders().some((p) => p.id === input.provider))
      return { ok: false, error: "That provider is not enabled on this site." };
    const intent = createLinkIntent(await currentAuthSecret(), {
      id: actor.id,
      sessionVersion: await sessionVersionOf(actor.id),
    });
    (await cookies()).set(LINK_INTENT_COOKIE, intent, {
      httpOnly: true,
      sameSite: "lax",
      path: "/api/auth",
      maxAge: LINK_INTENT_SECONDS,
    });
    return { ok: true };
  },
  (error) => ({ ok: false, error }),
);
