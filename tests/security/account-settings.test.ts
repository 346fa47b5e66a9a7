import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/permissions";

// Accounts: a signed-in user changes their password and signs out everywhere
// (both end every session), and starts linking a provider from settings.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
const jar = vi.hoisted(() => new Map<string, { value: string; options: unknown }>());
vi.mock("@/lib/auth/session", async (original) => ({
  ...(await original<typeof import("@/lib/auth/session")>()),
  currentActor: async () => session.actor,
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ set: (name: string, value: string, options: unknown) => jar.set(name, { value, options }) }),
}));

const { db } = await import("@/lib/db");
const { hashPassword } = await import("@/lib/auth/password");
const { signInWithPassword } = await import("@/lib/auth/sign-in");
const { changePasswordAction, signOutEverywhereAction, startOAuthLinkAction } =
  await import("@/lib/users/account-actions");
const { LINK_INTENT_COOKIE } = await import("@/lib/auth/link-intent");

let userId = 0;
const version = async () => (await db.user.findUniqueOrThrow({ where: { id: userId } })).sessionVersion;
const redirectOf = async (run: () => Promise<unknown>) => {
  try {
    await run();
    return null;
  } catch (error) {
    return (error as { digest?: string }).digest?.split(";")[2] ?? String(error);
  }
};
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

beforeAll(async () => {
  const user = await db.user.create({
    data: { email: "me@example.org", name: "Me", passwordHash: await hashPassword("my old password") },
  });
  userId = user.id;
  session.actor = { id: user.id, role: "reader", name: "Me", projectIds: [], emailVerified: true };
});

describe("account settings", () => {
  it("refuses a password change without the current password, and changes nothing", async () => {
    const state = await changePasswordAction(
      { status: "idle" },
      form({ current: "wrong", password: "my new password", confirm: "my new password" }),
    );
    expect(state).toMatchObject({ status: "error", fieldErrors: { current: ["The current password is not right."] } });
    expect(await version()).toBe(0);
  });

  it("changes the password and ends every session", async () => {
    const to = await redirectOf(() =>
      changePasswordAction(
        { status: "idle" },
        form({ current: "my old password", password: "my new password", confirm: "my new password" }),
      ),
    );
    expect(to).toBe("/signin?ended=password");
    expect(await version()).toBe(1);
    await expect(
      signInWithPassword({ email: "me@example.org", password: "my new password" }, { ip: "192.0.2.1" }),
    ).resolves.toMatchObject({ id: String(userId) });
  });

  it("signs out everywhere", async () => {
    expect(await redirectOf(() => signOutEverywhereAction({ status: "idle" }, form({})))).toBe(
      "/signin?ended=everywhere",
    );
    expect(await version()).toBe(2);
  });

  it("starts linking an enabled provider with a short-lived HttpOnly intent cookie", async () => {
    expect(await startOAuthLinkAction({ provider: "github" })).toEqual({
      ok: false,
      error: "That provider is not enabled on this site.",
    });
    process.env.GITHUB_ID = "id";
    process.env.GITHUB_SECRET = "secret";
    try {
      expect(await startOAuthLinkAction({ provider: "github" })).toEqual({ ok: true });
      expect(jar.get(LINK_INTENT_COOKIE)?.value).toMatch(new RegExp(`^${userId}\\.2\\.`));
      expect(jar.get(LINK_INTENT_COOKIE)?.options).toMatchObject({ httpOnly: true, path: "/api/auth" });
    } finally {
      delete process.env.GITHUB_ID;
      delete process.env.GITHUB_SECRET;
    }
  });
});
