import { db, type DbClient } from "@/lib/db";

// Sign-in throttling, counted in the database so that every instance agrees.
// Failures slow down further attempts progressively rather than locking an
// account: after a few failures each new attempt must wait twice as long
// since the last failure, up to a cap. Two counters:
// - per client address, across all accounts: one address cannot spray a
//   password over every account;
// - per account, across all addresses: many addresses cannot guess one
//   password quickly. An address the account has signed in from lately is
//   exempt, so an attacker cannot keep the owner out; at worst the owner waits
//   out ACCOUNT.maxDelaySeconds on a new device.

export const WINDOW_MS = 15 * 60 * 1000;
/** A successful sign-in makes its address trusted for its account this long; attempts are kept as long. */
export const KEEP_MS = 30 * 24 * 60 * 60 * 1000;

export const ADDRESS = { freeFailures: 10, maxDelaySeconds: 15 * 60 };
export const ACCOUNT = { freeFailures: 5, maxDelaySeconds: 60 };

/** Seconds to wait after the last failure, having had `failures` in the window. */
export function delaySeconds(failures: number, rule: { freeFailures: number; maxDelaySeconds: number }): number {
  if (failures < rule.freeFailures) return 0;
  return Math.min(2 ** (failures - rule.freeFailures), rule.maxDelaySeconds);
}

async function wait(
  where: { email?: string; ip?: string },
  rule: typeof ADDRESS,
  client: DbClient,
  now: Date,
): Promise<number> {
  const failures = await client.loginAttempt.aggregate({
    where: { ...where, succeeded: false, createdAt: { gt: new Date(now.getTime() - WINDOW_MS) } },
    _count: true,
    _max: { createdAt: true },
  });
  const last = failures._max.createdAt;
  if (!last) return 0;
  const until = last.getTime() + delaySeconds(failures._count, rule) * 1000;
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}

/** Seconds this address must wait before trying this account; 0 when it may try now. */
export async function signInWait(email: string, ip: string, client: DbClient = db, now = new Date()): Promise<number> {
  const byAddress = await wait({ ip }, ADDRESS, client, now);
  if (byAddress > 0) return byAddress;
  const trusted = await client.loginAttempt.findFirst({
    where: { email, ip, succeeded: true, createdAt: { gt: new Date(now.getTime() - KEEP_MS) } },
    select: { id: true },
  });
  return trusted ? 0 : wait({ email }, ACCOUNT, client, now);
}

export interface LoginAttempt {
  email: string;
  ip: string;
  succeeded: boolean;
}

/** Records an attempt, and drops those too old to matter to either counter. */
export async function recordLoginAttempt(attempt: LoginAttempt, client: DbClient = db, now = new Date()) {
  await client.loginAttempt.create({ data: { ...attempt, createdAt: now } });
  await client.loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - KEEP_MS) } } });
}
