import { z } from "zod";
import { audit } from "@/lib/audit/log";
import { hashPassword } from "@/lib/auth/password";
import { db, inTransaction, type DbClient } from "@/lib/db";
import { consumeAccountToken, issueAccountToken, type TokenCheck } from "@/lib/mail/account-tokens";
import { mailConfigured, sendMail } from "@/lib/mail/transport";
import { publicOrigin } from "@/lib/server/http/public-origin";
import { registrationSchema } from "@/lib/users/schema";

// Mail about the account itself: the address check after registration and
// the password reset. Sent at once with sendMail, not through the outbox:
// the user is waiting for it, and a link that arrives hours later after an
// outage is worth less than an error now and a "send it again" button.
// An unverified account gets no other mail (it has no role, watches nothing),
// and a reset goes only to a confirmed address.

const link = (path: string, token: string) => `${publicOrigin()}${path}?token=${encodeURIComponent(token)}`;

/** Mails a new confirmation link to an unverified account; false when there is nothing to confirm. */
export async function sendVerificationMail(userId: number, client: DbClient = db): Promise<boolean> {
  const user = await client.user.findUniqueOrThrow({ where: { id: userId } });
  if (user.emailVerifiedAt || user.disabled) return false;
  const token = await issueAccountToken(user.id, "verify-email", client);
  await sendMail({
    to: user.email,
    subject: "Confirm your address for Afterfork",
    text: [
      `Hello ${user.name},`,
      "",
      "Someone, probably you, registered an Afterfork account with this address. Open this link to confirm it",
      "(it works once, for 48 hours):",
      "",
      link("/verify-email", token),
      "",
      "Until the address is confirmed the account can only read. If you did not register, ignore this mail.",
    ].join("\n"),
  });
  return true;
}

/** Confirms the address a link was mailed to. */
export async function verifyEmail(token: string, client: DbClient = db): Promise<TokenCheck> {
  const run = async (tx: DbClient) => {
    const spent = await consumeAccountToken(token, "verify-email", tx);
    if (!spent.ok) return spent;
    await tx.user.updateMany({
      where: { id: spent.userId, emailVerifiedAt: null },
      data: { emailVerifiedAt: new Date() },
    });
    await audit(tx, { actorId: spent.userId, action: "user.verify-email", targetType: "user", targetId: spent.userId });
    return spent;
  };
  return inTransaction(client, run);
}

export const resetRequestSchema = z.object({ email: registrationSchema.shape.email });

/**
 * Mails a reset link when the address belongs to an enabled account whose address is confirmed; does nothing
 * otherwise, and the caller answers the same either way.
 */
export async function requestPasswordReset(email: string, client: DbClient = db): Promise<void> {
  if (!mailConfigured()) return;
  const user = await client.user.findUnique({ where: { email } });
  if (!user || user.disabled || !user.emailVerifiedAt) return;
  const token = await issueAccountToken(user.id, "reset-password", client);
  await sendMail({
    to: user.email,
    subject: "Set a new Afterfork password",
    text: [
      `Hello ${user.name},`,
      "",
      "Someone, probably you, asked to set a new password for the Afterfork account of this address.",
      "Open this link to choose one (it works once, for one hour):",
      "",
      link("/reset-password", token),
      "",
      "Setting it ends every session of the account. If you did not ask, ignore this mail: the password stays.",
    ].join("\n"),
  });
}

export const resetPasswordSchema = z
  .object({
    token: z.string().min(1).max(200),
    password: registrationSchema.shape.password,
    confirm: z.string().max(1000),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two new passwords differ." });
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;

/**
 * Sets the password a reset link was mailed for, spending the link, and ends every session of the account
 * (whoever knew the old password is out); audited.
 */
export async function resetPassword(input: ResetPasswordInput, client: DbClient = db): Promise<TokenCheck> {
  // Hashed before the transaction: argon2 takes a while and needs no lock.
  const passwordHash = await hashPassword(input.password);
  const run = async (tx: DbClient) => {
    const spent = await consumeAccountToken(input.token, "reset-password", tx);
    if (!spent.ok) return spent;
    await tx.user.update({
      where: { id: spent.userId },
      data: { passwordHash, sessionVersion: { increment: 1 } },
    });
    await audit(tx, {
      actorId: spent.userId,
      action: "user.password-reset",
      targetType: "user",
      targetId: spent.userId,
    });
    return spent;
  };
  return inTransaction(client, run);
}
