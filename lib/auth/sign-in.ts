import { z } from "zod";
import { db, type DbClient } from "@/lib/db";
import { recordLoginAttempt, signInWait } from "@/lib/auth/login-throttle";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
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
  constructor(
    readonly reason: "invalid" | "throttled",
    readonly retryAfterSeconds = 0,
  ) {
    super(reason === "throttled" ? "TooManyAttempts" : "CredentialsSignin");
  }
}

// A hash to verify against when there is no account, or no password, so that
// every refusal costs the same argon2 work and timing does not tell which
// emails have accounts.
let dummyHash: Promise<string> | null = null;
const dummy = () => (dummyHash ??= hashPassword("afterfork: no such account"));

/** Checks an email and password from a client address; every attempt is recorded for throttling. */
export async function signInWithPassword(
  input: unknown,
  from: { ip: string },
  client: DbClient = db,
): Promise<SignedInUser> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) throw new SignInRefused("invalid");
  const { email, password } = parsed.data;
  const wait = await signInWait(email, from.ip, client);
  if (wait > 0) throw new SignInRefused("throttled", wait);
  const user = await client.user.findUnique({ where: { email } });
  const usable = user !== null && !user.disabled && user.passwordHash !== null;
  const matches = await verifyPassword(usable ? user.passwordHash : await dummy(), password);
  const ok = usable && matches;
  await recordLoginAttempt({ email, ip: from.ip, succeeded: ok }, client);
  if (!ok || !user) throw new SignInRefused("invalid");
  return { id: String(user.id), email: user.email, name: user.name, role: user.role };
}
