import { describe, expect, it, vi } from "vitest";

// Item 3: throttling counted per email only (an attacker locked any account
// out, and sprayed one password over every account without limit); unknown
// emails skipped the hash (timing told which accounts exist); registration's
// limit was keyed on a client-set X-Forwarded-For; the tables were never pruned.
const verifications = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/auth/password", async (original) => {
  const real = await original<typeof import("@/lib/auth/password")>();
  return {
    ...real,
    verifyPassword: async (hash: string | null, password: string) => {
      verifications.count++;
      return real.verifyPassword(hash, password);
    },
  };
});
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));

const { db } = await import("@/lib/db");
const { hashPassword } = await import("@/lib/auth/password");
const { signInWithPassword, SignInRefused } = await import("@/lib/auth/sign-in");
const { ACCOUNT, ADDRESS, KEEP_MS, signInWait } = await import("@/lib/auth/login-throttle");
const { hitRateLimit } = await import("@/lib/server/actions/rate-limit");
const { registerAction } = await import("@/lib/users/actions");

async function attempt(email: string, password: string, ip: string): Promise<string> {
  try {
    await signInWithPassword({ email, password }, { ip });
    return "signed in";
  } catch (error) {
    if (error instanceof SignInRefused) return error.reason;
    throw error;
  }
}

async function account(email: string, password: string) {
  return db.user.create({ data: { email, name: email, passwordHash: await hashPassword(password) } });
}

describe("sign-in throttling", () => {
  it("slows down one address spraying a password over many accounts", async () => {
    for (let i = 0; i < ADDRESS.freeFailures; i++)
      expect(await attempt(`spray${i}@example.org`, "Winter2026!", "198.51.100.7")).toBe("invalid");
    await account("sprayed@example.org", "Winter2026!");
    expect(await attempt("sprayed@example.org", "Winter2026!", "198.51.100.7")).toBe("throttled");
    // Another address is not slowed by that one.
    expect(await attempt("sprayed@example.org", "Winter2026!", "198.51.100.8")).toBe("signed in");
  });

  it("never keeps an account's owner out: failures from elsewhere do not slow an address the owner signed in from", async () => {
    await account("owner@example.org", "owner password 1");
    expect(await attempt("owner@example.org", "owner password 1", "203.0.113.1")).toBe("signed in");
    for (let i = 0; i < 20; i++) await attempt("owner@example.org", `guess ${i}`, `192.0.2.${i + 1}`);
    expect(await attempt("owner@example.org", "owner password 1", "203.0.113.1")).toBe("signed in");
    // A new address waits, progressively, rather than being locked out for good.
    expect(await attempt("owner@example.org", "owner password 1", "203.0.113.99")).toBe("throttled");
  });

  it("delays progressively, from the last failure, up to a cap", async () => {
    await account("slow@example.org", "slow password 1");
    const t0 = Date.now();
    for (let i = 0; i < ACCOUNT.freeFailures + 2; i++)
      await db.loginAttempt.create({
        data: { email: "slow@example.org", ip: `192.0.2.${100 + i}`, succeeded: false, createdAt: new Date(t0) },
      });
    expect(await signInWait("slow@example.org", "203.0.113.50", db, new Date(t0))).toBe(4);
    expect(await signInWait("slow@example.org", "203.0.113.50", db, new Date(t0 + 4_000))).toBe(0);
  });

  it("spends the same argon2 work on an unknown email as on a wrong password", async () => {
    await account("known@example.org", "known password 1");
    verifications.count = 0;
    await attempt("known@example.org", "wrong", "192.0.2.200");
    await attempt("unknown@example.org", "wrong", "192.0.2.201");
    expect(verifications.count).toBe(2);
  });

  it("prunes sign-in attempts and rate-limit buckets too old to count", async () => {
    const old = new Date(Date.now() - KEEP_MS - 60_000);
    await db.loginAttempt.create({
      data: { email: "ancient@example.org", ip: "192.0.2.9", succeeded: false, createdAt: old },
    });
    await db.rateLimitBucket.create({
      data: { key: "ancient", windowStart: new Date(Date.now() - 2 * 86_400_000), count: 1 },
    });
    await attempt("ancient@example.org", "x", "192.0.2.10");
    await hitRateLimit("fresh", 10, 60);
    expect(await db.loginAttempt.count({ where: { createdAt: { lte: old } } })).toBe(0);
    expect(await db.rateLimitBucket.count({ where: { key: "ancient" } })).toBe(0);
  });
});

describe("registration's limit per client address", () => {
  it("ignores a client-set X-Forwarded-For: the address comes from the server (TRUST_PROXY=0)", async () => {
    const refused: string[] = [];
    for (let i = 0; i < 21; i++) {
      request.headers = new Headers({ "x-forwarded-for": `10.0.0.${i}`, "x-afterfork-client-ip": "198.51.100.77" });
      const form = new FormData();
      form.set("email", "not an email");
      const state = await registerAction({ status: "idle" }, form);
      if (state.status === "error" && state.message.startsWith("Too many requests")) refused.push(String(i));
    }
    expect(refused).toEqual(["20"]);
  });
});
