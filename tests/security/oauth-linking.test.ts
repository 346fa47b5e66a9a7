import { afterEach, describe, expect, it, vi } from "vitest";

// Item 4: linkOAuthUser attached a provider identity to any account with the
// same email, so whoever registered victim@example.org first owned the
// victim's later OAuth sign-ins; unverified provider emails were used.
const { db } = await import("@/lib/db");
const { signInWithOAuth } = await import("@/lib/auth/oauth");
const { createLinkIntent, readLinkIntent, LINK_INTENT_SECONDS } = await import("@/lib/auth/link-intent");
const { oauthProviders } = await import("@/lib/auth/oauth-providers");

const identity = (subject: string, email: string | null) => ({ provider: "github", subject, email, name: "Someone" });

afterEach(() => {
  vi.unstubAllGlobals();
  delete process.env.GITHUB_ID;
  delete process.env.GITHUB_SECRET;
});

describe("OAuth sign-in", () => {
  it("never links to an existing account by its email", async () => {
    const squatter = await db.user.create({
      data: { email: "victim@example.org", name: "Squatter", passwordHash: "x", role: "reader" },
    });
    expect(await signInWithOAuth(identity("gh-1", "Victim@example.org"), null)).toEqual({
      status: "refused",
      reason: "email-taken",
    });
    expect(await db.oAuthIdentity.count({ where: { userId: squatter.id } })).toBe(0);
  });

  it("without a verified email, creates nothing", async () => {
    const users = await db.user.count();
    expect(await signInWithOAuth(identity("gh-2", null), null)).toEqual({
      status: "refused",
      reason: "no-verified-email",
    });
    expect(await db.user.count()).toBe(users);
  });

  it("a new verified email becomes a new reader; the identity then signs that reader in", async () => {
    const first = await signInWithOAuth(identity("gh-3", "new@example.org"), null);
    expect(first.status).toBe("signed-in");
    expect(await signInWithOAuth(identity("gh-3", "changed@example.org"), null)).toEqual(first);
  });

  it("links only for the signed-in owner who asked, and never an identity of another account", async () => {
    const owner = await db.user.create({ data: { email: "owner-l@example.org", name: "Owner", passwordHash: "x" } });
    expect(await signInWithOAuth(identity("gh-4", "whatever@example.org"), owner.id)).toEqual({
      status: "signed-in",
      userId: owner.id,
    });
    expect(await signInWithOAuth(identity("gh-3", null), owner.id)).toEqual({
      status: "refused",
      reason: "linked-elsewhere",
    });
  });

  it("the link intent cookie is bound to its user, their session version and ten minutes", () => {
    const user = { id: 7, sessionVersion: 2 };
    const intent = createLinkIntent("s3cret", user, 1_000);
    expect(readLinkIntent("s3cret", intent, user, 2_000)).toBe(7);
    expect(readLinkIntent("other", intent, user, 2_000)).toBeNull();
    expect(readLinkIntent("s3cret", intent, { id: 8, sessionVersion: 2 }, 2_000)).toBeNull();
    expect(readLinkIntent("s3cret", intent, { id: 7, sessionVersion: 3 }, 2_000)).toBeNull();
    expect(readLinkIntent("s3cret", intent, user, 1_000 + LINK_INTENT_SECONDS * 1000 + 1)).toBeNull();
  });

  it("GitHub answers only a primary, verified email", async () => {
    process.env.GITHUB_ID = "id";
    process.env.GITHUB_SECRET = "secret";
    // next-auth lays a provider's options over its defaults; the override is in the options.
    const [github] = oauthProviders().map((p) => (p as unknown as { options: unknown }).options) as {
      userinfo: { request: (context: unknown) => Promise<Record<string, unknown>> };
    }[];
    const context = {
      tokens: { access_token: "t" },
      client: { userinfo: async () => ({ id: 1, login: "l", email: "public@example.org" }) },
    };
    vi.stubGlobal("fetch", async () =>
      Response.json([{ email: "public@example.org", primary: true, verified: false }]),
    );
    expect((await github!.userinfo.request(context)).email).toBeNull();
    vi.stubGlobal("fetch", async () => Response.json([{ email: "real@example.org", primary: true, verified: true }]));
    expect((await github!.userinfo.request(context)).email).toBe("real@example.org");
  });
});
