import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import type { FormState } from "@/lib/server/actions/state";
import { SmtpMailbox, type ReceivedMail } from "@/tests/support/smtp-mailbox";

// Verification and reset mail end to end: the real server actions and
// database, a real SMTP server (npm smtp-server) receiving what the app
// sends, and the links in those mails followed as a browser would post them.
// Only the request context is replaced: whose session it is and which client
// address the request came from.
const request = vi.hoisted(() => ({ actor: null as unknown, ip: "192.0.2.1" }));
vi.mock("@/lib/auth/session", async (original) => ({
  ...(await original<typeof import("@/lib/auth/session")>()),
  currentActor: async () => request.actor,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-afterfork-client-ip": request.ip }) }));

const { db } = await import("@/lib/db");
const { seed } = await import("@/lib/seed");
const { loadActor } = await import("@/lib/auth/session");
const { hashPassword } = await import("@/lib/auth/password");
const { signInWithPassword } = await import("@/lib/auth/sign-in");
const { register } = await import("@/lib/users/registration");
const { issueAccountToken } = await import("@/lib/mail/account-tokens");
const { addCommentAction } = await import("@/lib/comments/actions");
const { resendVerificationAction, verifyEmailAction, requestResetAction, resetPasswordAction } =
  await import("@/lib/users/mail-actions");

const ORIGIN = "http://afterfork.example";
const mailbox = new SmtpMailbox();
let pageId = 0;
let ipCounter = 10;

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

type Action = (state: FormState, data: FormData) => Promise<FormState>;

async function post(action: Action, fields: Record<string, string>): Promise<FormState | "redirected"> {
  try {
    return await action({ status: "idle" }, form(fields));
  } catch (error) {
    if (error instanceof Error && error.message === "NEXT_REDIRECT") return "redirected";
    throw error;
  }
}

const messageOf = (state: FormState | "redirected") =>
  state === "redirected" ? "redirected" : state.status === "idle" ? "" : state.message;

/** The token of the one link in a mail, checked to point at `path` on the public origin. */
function tokenIn(mail: ReceivedMail, path: string): string {
  const links = (mail.text ?? "").match(/https?:\/\/\S+/g) ?? [];
  expect(links).toHaveLength(1);
  const url = new URL(links[0]!);
  expect(`${url.origin}${url.pathname}`).toBe(`${ORIGIN}${path}`);
  return url.searchParams.get("token")!;
}

async function verifiedUser(email: string, password = "the old password") {
  return db.user.create({ data: { email, name: email.split("@")[0]!, passwordHash: await hashPassword(password) } });
}

beforeAll(async () => {
  process.env.SMTP_URL = await mailbox.start();
  process.env.NEXTAUTH_URL = ORIGIN;
  await seed(db);
  pageId = (await db.page.findFirstOrThrow({ where: { function: { name: "mount" } } })).id;
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.NEXTAUTH_URL;
  await mailbox.stop();
});

beforeEach(() => {
  // Each test comes from its own address, so that the per-client limits of one do not reach the next.
  request.ip = `192.0.2.${ipCounter++}`;
  request.actor = null;
});

describe("email verification", () => {
  it("registration mails a link; until it is opened the account has no role and cannot comment", async () => {
    const email = "newcomer@example.org";
    const state = await register({ email, name: "Newcomer", password: "a long enough password" });
    expect(messageOf(state)).toContain(`Open the link mailed to ${email}`);
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.emailVerifiedAt).toBeNull();
    const unverified = (await loadActor(user.id)) as Actor;
    expect(unverified).toMatchObject({ role: "reader", emailVerified: false });

    request.actor = unverified;
    const refused = await post(addCommentAction, { pageId: String(pageId), body: "Hello" });
    expect(messageOf(refused)).toBe("You are not allowed to do that.");
    expect(await db.comment.count({ where: { authorId: user.id } })).toBe(0);

    const mail = await mailbox.waitFor((m) => m.envelopeTo.includes(email));
    expect(mail.subject).toBe("Confirm your address for Afterfork");
    const token = tokenIn(mail, "/verify-email");
    request.actor = null;
    expect(messageOf(await post(verifyEmailAction, { token }))).toBe("Your address is confirmed.");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).not.toBeNull();

    request.actor = await loadActor(user.id);
    expect(request.actor).toMatchObject({ emailVerified: true });
    expect((await post(addCommentAction, { pageId: String(pageId), body: "Hello" })) as FormState).toMatchObject({
      status: "ok",
    });
    expect(await db.comment.count({ where: { authorId: user.id } })).toBe(1);

    // The link works once.
    expect(messageOf(await post(verifyEmailAction, { token }))).toMatch(/^This link was already used\./);
  });

  it("an expired link is refused and the address stays unconfirmed", async () => {
    const user = await db.user.create({ data: { email: "late@example.org", name: "Late", emailVerifiedAt: null } });
    const token = await issueAccountToken(user.id, "verify-email", db, new Date(Date.now() - 49 * 3600 * 1000));
    expect(messageOf(await post(verifyEmailAction, { token }))).toMatch(/^This link has expired\./);
    expect(messageOf(await post(verifyEmailAction, { token: "made-up" }))).toMatch(/^This link is not valid\./);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeNull();
  });

  it("sending the link again is limited to three an hour, and only the latest link works", async () => {
    const email = "impatient@example.org";
    const user = await db.user.create({ data: { email, name: "Impatient", emailVerifiedAt: null } });
    request.actor = await loadActor(user.id);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(messageOf(await post(resendVerificationAction, {})));
    expect(answers.slice(0, 3)).toEqual(Array(3).fill("A new link is on its way; it works for 48 hours."));
    expect(answers[3]).toMatch(/^Too many requests/);
    await mailbox.waitFor(() => mailbox.to(email).length === 3);
    const [first, , last] = mailbox.to(email).map((m) => tokenIn(m, "/verify-email"));
    expect(messageOf(await post(verifyEmailAction, { token: first! }))).toMatch(/^This link is not valid\./);
    expect(messageOf(await post(verifyEmailAction, { token: last! }))).toBe("Your address is confirmed.");
    expect(messageOf(await post(resendVerificationAction, {}))).toMatch(/^Too many requests/);
  });
});

describe("password reset", () => {
  it("answers alike for any address, mails a link that sets a new password once, ends sessions, is audited", async () => {
    const email = "forgetful@example.org";
    const user = await verifiedUser(email);
    const unknown = "nobody-here@example.org";
    const forKnown = messageOf(await post(requestResetAction, { email: email.toUpperCase() }));
    const forUnknown = messageOf(await post(requestResetAction, { email: unknown }));
    expect(forUnknown.replace(unknown, "X")).toBe(forKnown.replace(email, "X"));
    expect(forKnown).toContain("on its way");

    const mail = await mailbox.waitFor((m) => m.envelopeTo.includes(email));
    expect(mail.subject).toBe("Set a new Afterfork password");
    const token = tokenIn(mail, "/reset-password");
    expect(mailbox.to(unknown)).toHaveLength(0);

    const mismatch = await post(resetPasswordAction, { token, password: "a new password", confirm: "another one" });
    expect(mismatch).toMatchObject({ status: "error", fieldErrors: { confirm: ["The two new passwords differ."] } });
    expect(await post(resetPasswordAction, { token, password: "a new password", confirm: "a new password" })).toBe(
      "redirected",
    );

    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.sessionVersion).toBe(user.sessionVersion + 1);
    await expect(signInWithPassword({ email, password: "a new password" }, { ip: request.ip })).resolves.toMatchObject({
      email,
    });
    await expect(signInWithPassword({ email, password: "the old password" }, { ip: request.ip })).rejects.toThrow();
    const audited = await db.auditEvent.findMany({
      where: { action: "user.password-reset", targetId: String(user.id) },
    });
    expect(audited).toHaveLength(1);

    const again = await post(resetPasswordAction, { token, password: "a third password", confirm: "a third password" });
    expect(messageOf(again)).toMatch(/^This link was already used\./);
  });

  it("a link older than one hour is refused and the password stays", async () => {
    const user = await verifiedUser("slow@example.org");
    const token = await issueAccountToken(user.id, "reset-password", db, new Date(Date.now() - 61 * 60 * 1000));
    const state = await post(resetPasswordAction, { token, password: "a new password", confirm: "a new password" });
    expect(messageOf(state)).toMatch(/^This link has expired\./);
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordHash).toBe(user.passwordHash);
    expect(after.sessionVersion).toBe(user.sessionVersion);
  });

  it("an unconfirmed address gets no reset mail", async () => {
    const email = "unconfirmed@example.org";
    await db.user.create({ data: { email, name: "U", passwordHash: "x", emailVerifiedAt: null } });
    await verifiedUser("confirmed@example.org");
    await post(requestResetAction, { email });
    await post(requestResetAction, { email: "confirmed@example.org" });
    // Requests are handled in order, so once the second mail is in the first would have been too.
    await mailbox.waitFor((m) => m.envelopeTo.includes("confirmed@example.org"));
    expect(mailbox.to(email)).toHaveLength(0);
  });

  it("is limited to three requests an hour per address, from any client", async () => {
    const email = "target@example.org";
    await verifiedUser(email);
    const answers = [];
    for (let i = 0; i < 4; i++) {
      request.ip = `198.51.100.${i + 1}`;
      answers.push(messageOf(await post(requestResetAction, { email })));
    }
    expect(answers.slice(0, 3).every((a) => a.includes("on its way"))).toBe(true);
    expect(answers[3]).toMatch(/^Too many requests/);
    await mailbox.waitFor(() => mailbox.to(email).length === 3);
  });

  it("is limited to ten requests an hour per client, whatever the addresses", async () => {
    const answers = [];
    for (let i = 0; i < 11; i++)
      answers.push(messageOf(await post(requestResetAction, { email: `spray${i}@example.org` })));
    expect(answers.slice(0, 10).every((a) => a.includes("on its way"))).toBe(true);
    expect(answers[10]).toMatch(/^Too many requests/);
  });
});

describe("without SMTP_URL", () => {
  it("registration counts the address as verified and a reset is refused as impossible", async () => {
    const url = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    try {
      const state = await register({
        email: "nomail@example.org",
        name: "No Mail",
        password: "a long enough password",
      });
      expect(messageOf(state)).toBe("Your account is ready.");
      const user = await db.user.findUniqueOrThrow({ where: { email: "nomail@example.org" } });
      expect(user.emailVerifiedAt).not.toBeNull();
      expect(messageOf(await post(requestResetAction, { email: "nomail@example.org" }))).toMatch(/sends no mail/);
    } finally {
      process.env.SMTP_URL = url;
    }
  });
});
