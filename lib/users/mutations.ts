import { db, inTransaction, type DbClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { audit } from "@/lib/audit/log";
import { mailConfigured } from "@/lib/mail/transport";
import type { RoleName } from "@/lib/users/roles";
import type { RegistrationInput } from "@/lib/users/schema";

export class EmailTakenError extends Error {
  constructor() {
    super("An account with this email already exists.");
  }
}

/**
 * Creates a reader account; the input must already be validated by registrationSchema. With mail on the
 * address is unconfirmed until the mailed link is opened; without mail nothing could confirm it, so it counts
 * as verified.
 */
export async function registerUser(input: RegistrationInput, client: DbClient = db) {
  const passwordHash = await hashPassword(input.password);
  const emailVerifiedAt = mailConfigured() ? null : new Date();
  try {
    return await client.user.create({
      data: { email: input.email, name: input.name, passwordHash, role: "reader", emailVerifiedAt },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new EmailTakenError();
    throw error;
  }
}

export async function setUserRole(actorId: number, userId: number, role: RoleName, client: DbClient = db) {
  const before = await client.user.findUniqueOrThrow({ where: { id: userId }, select: { role: true } });
  // A new role ends the user's sessions: the next request signs in afresh under it.
  await client.user.update({ where: { id: userId }, data: { role, sessionVersion: { increment: 1 } } });
  await audit(client, {
    actorId,
    action: "user.role",
    targetType: "user",
    targetId: userId,
    details: { from: before.role, to: role },
  });
}

export async function setUserDisabled(actorId: number, userId: number, disabled: boolean, client: DbClient = db) {
  await client.user.update({ where: { id: userId }, data: { disabled, sessionVersion: { increment: 1 } } });
  await audit(client, {
    actorId,
    action: disabled ? "user.disable" : "user.enable",
    targetType: "user",
    targetId: userId,
  });
}

export async function setUserProjects(actorId: number, userId: number, projectIds: number[], client: DbClient = db) {
  const run = async (tx: Prisma.TransactionClient) => {
    await tx.projectRepresentative.deleteMany({ where: { userId } });
    await tx.projectRepresentative.createMany({ data: projectIds.map((projectId) => ({ userId, projectId })) });
    await audit(tx, {
      actorId,
      action: "user.projects",
      targetType: "user",
      targetId: userId,
      details: { projectIds },
    });
  };
  return inTransaction(client, run);
}
