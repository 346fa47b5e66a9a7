"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import {
  requestPasswordReset,
  resetPassword,
  resetPasswordSchema,
  resetRequestSchema,
  sendVerificationMail,
  verifyEmail,
} from "@/lib/mail/accounts";
import { mailConfigured } from "@/lib/mail/transport";
import { ActionError, openAction, safeAction } from "@/lib/server/actions/safe-action";
import { hitRateLimit } from "@/lib/server/actions/rate-limit";
import type { FormState } from "@/lib/server/actions/state";
import { clientAddress } from "@/lib/server/http/client-address";

// Account mail (lib/mail/accounts.ts) from the forms. Opening a link never
// changes anything by itself: the page it opens has a button, so a mail
// scanner that follows links spends no token.

const HOUR = 60 * 60;
const perClient = async (name: string, limit: number) => ({
  key: `${name}:${clientAddress(await headers())}`,
  limit,
  windowSeconds: HOUR,
});

/** What an expired, spent or unknown link says. */
const LINK_REFUSED = {
  unknown: "This link is not valid. Links work only from the latest mail.",
  used: "This link was already used.",
  expired: "This link has expired.",
} as const;

export const resendVerificationAction = safeAction(
  { schema: z.object({}), permission: () => ({ action: "account.manage" }) as const, rateLimitPerMinute: 10 },
  async (_input, actor): Promise<FormState> => {
    if (!mailConfigured()) throw new ActionError("This site sends no mail (SMTP_URL is unset).");
    await hitRateLimit(`verify-resend:${actor.id}`, 3, HOUR);
    try {
      if (!(await sendVerificationMail(actor.id))) return { status: "ok", message: "Your address is confirmed." };
    } catch (error) {
      console.error("The confirmation mail could not be sent:", error);
      throw new ActionError("The mail could not be sent just now; try again later.");
    }
    return { status: "ok", message: "A new link is on its way; it works for 48 hours." };
  },
);

export const verifyEmailAction = openAction(
  async () => ({
    schema: z.object({ token: z.string().min(1).max(200) }),
    open: { rateLimit: await perClient("verify-email", 30) },
  }),
  async (input): Promise<FormState> => {
    const outcome = await verifyEmail(input.token);
    if (!outcome.ok)
      return { status: "error", message: `${LINK_REFUSED[outcome.reason]} Send a new one from Account settings.` };
    return { status: "ok", message: "Your address is confirmed." };
  },
);

/**
 * Asks for a reset link. The answer is the same whether or not the address has an account, and comes before
 * the mail is sent, so neither its words nor its timing tell; limited per client and per address.
 */
export const requestResetAction = openAction(
  async () => ({ schema: resetRequestSchema, open: { rateLimit: await perClient("reset-request", 10) } }),
  async (input): Promise<FormState> => {
    if (!mailConfigured()) throw new ActionError("This site sends no mail, so passwords cannot be reset by mail.");
    await hitRateLimit(`reset-request:${input.email}`, 3, HOUR);
    void requestPasswordReset(input.email).catch((error: unknown) =>
      console.error("The password reset mail could not be sent:", error),
    );
    return {
      status: "ok",
      message: `If ${input.email} belongs to an account, a link to set a new password is on its way (valid one hour).`,
    };
  },
);

export const resetPasswordAction = openAction(
  async () => ({ schema: resetPasswordSchema, open: { rateLimit: await perClient("reset-password", 20) } }),
  async (input): Promise<FormState> => {
    const outcome = await resetPassword(input);
    if (!outcome.ok) return { status: "error", message: `${LINK_REFUSED[outcome.reason]} Ask for a new one.` };
    redirect("/signin?ended=reset");
  },
);
