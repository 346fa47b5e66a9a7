import { z } from "zod";
import { db, type DbClient } from "@/lib/db";
import { isLockedOut, recordLoginAttempt } from "@/lib/auth/login-throttle";
import { verifyPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/generated/prisma/client";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(320),
  password: z.string().max(1000),
});

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** Why a sign-in was refused; both reasons are shown to the user in one generic wording each. */
export class SignInRefused extends Error {
  constructor(readonly reason: "invalid" | "locked") {
    super(reason === "locked" ? "TooManyAttempts" : "CredentialsSignin");
  }
}

/** Checks an email and password; every attempt is recorded for throttling. */
export async function signInWithPassword(input: unknown, client: DbClient = db): Promise<SignedInUser> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) throw new SignInRefused("invalid");
  const { email, password } = parsed.data;
  if (await isLockedOut(email, client)) throw new SignInRefused("locked");
  const user = await client.user.findUnique({ where: { email } });
  const ok = user !== null && !user.disabled && (await verifyPassword(user.passwordHash, password));
  await recordLoginAttempt(email, ok, client);
  if (!ok || !user) throw new SignInRefused("invalid");
  return { id: String(user.id), email: user.email, name: user.name, role: user.role };
}
