import { z } from "zod";
import { audit } from "@/lib/audit/log";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { endSessions } from "@/lib/auth/session-version";
import { db, type DbClient } from "@/lib/db";
import { registrationSchema } from "@/lib/users/schema";

export const changePasswordSchema = z
  .object({
    current: z.string().max(1000).default(""),
    password: registrationSchema.shape.password,
    confirm: z.string().max(1000),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two new passwords differ." });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export class AccountError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * Sets a new password for a signed-in user and ends every session of theirs,
 * this one included (a stolen cookie dies with the old password). An account
 * with a password must give it; one made through OAuth sets its first.
 */
export async function changePassword(userId: number, input: ChangePasswordInput, client: DbClient = db) {
  const user = await client.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (user.passwordHash && !(await verifyPassword(user.passwordHash, input.current)))
    throw new AccountError("The current password is not right.", "current");
  const passwordHash = await hashPassword(input.password);
  await client.user.update({ where: { id: userId }, data: { passwordHash } });
  await endSessions(userId, client);
  await audit(client, { actorId: userId, action: "user.password", targetType: "user", targetId: userId });
}

/** "Sign out everywhere": every session of the user ends; API tokens stay valid until revoked. */
export async function signOutEverywhere(userId: number, client: DbClient = db) {
  await endSessions(userId, client);
  await audit(client, { actorId: userId, action: "user.sessions", targetType: "user", targetId: userId });
}

/** What the account settings page shows. */
export async function accountOverview(userId: number, client: DbClient = db) {
  const user = await client.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      email: true,
      name: true,
      role: true,
      passwordHash: true,
      emailVerifiedAt: true,
      identities: { select: { provider: true } },
    },
  });
  return {
    email: user.email,
    name: user.name,
    role: user.role,
    emailVerifiedAt: user.emailVerifiedAt,
    hasPassword: user.passwordHash !== null,
    linked: user.identities.map((i) => i.provider).sort(),
  };
}
