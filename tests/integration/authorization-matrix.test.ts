import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import type { FormState } from "@/lib/server/actions/state";

// The matrix drives the real server actions (validation, authorisation,
// handlers, database); only the request context is replaced: whose session
// it is, and Next's cache and header helpers, which need a running server.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", async (original) => ({
  ...(await original<typeof import("@/lib/auth/session")>()),
  currentActor: async () => session.actor,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "127.0.0.1:3000" }) }));

const { db } = await import("@/lib/db");
const { seed } = await import("@/lib/seed");
const { seedDemoUsers } = await import("@/lib/seed/demo-users");
const { loadActor } = await import("@/lib/auth/session");
const { addCommentAction } = await import("@/lib/comments/actions");
const { saveProposalAction, restoreRevisionAction, undoRevisionAction } = await import("@/lib/pages/actions");
const { saveNeedsAction, previewPasteAction } = await import("@/lib/projects/actions");
const { saveProjectAction } = await import("@/lib/projects/admin-actions");
const { voteAction, agreementAction, rejectAction, withdrawAction, reopenAction, saveRuleAction } =
  await import("@/lib/review/actions");
const { castVote, recordAgreement } = await import("@/lib/review/mutations");
const { setRoleAction, setDisabledAction, setProjectsAction } = await import("@/lib/users/actions");
const { watchAction, markSeenAction, markAllSeenAction, createFeedTokenAction, revokeFeedTokenAction } =
  await import("@/lib/watch/actions");
const { createApiTokenAction, revokeApiTokenAction } = await import("@/lib/tokens/actions");
const { changePasswordAction, signOutEverywhereAction, startOAuthLinkAction } =
  await import("@/lib/users/account-actions");
const { resendVerificationAction } = await import("@/lib/users/mail-actions");
const { saveMailSettingsAction } = await import("@/lib/mail/actions");

type Who = "anonymous" | "reader" | "repOther" | "repThis" | "maintainer" | "admin" | "disabled" | "unverified";
const EVERYONE: Who[] = ["anonymous", "reader", "repOther", "repThis", "maintainer", "admin", "disabled", "unverified"];
const SIGNED_IN: Who[] = ["reader", "repOther", "repThis", "maintainer", "admin"];
/** An account whose address is unconfirmed (an admin and linted's representative by its rows) manages only itself. */
const OWN_ACCOUNT: Who[] = [...SIGNED_IN, "unverified"];

type Action = (state: FormState, data: FormData) => Promise<FormState>;
interface Row {
  name: string;
  action: Action;
  /** The exported server action, when `action` adapts one that is not called with a form. */
  covers?: unknown;
  form: () => Promise<Record<string, string>>;
  allowed: Who[];
}

const ids = {
  linted: 0,
  mountPage: 0,
  umountPage: 0,
  capPage: 0,
  mountRevision: 0,
  lintedPage: 0,
  lintedRevision: 0,
  reader: 0,
  tokenId: 0,
};
const actors = {} as Record<Who, Actor | null>;

async function revisionOf(pageId: number) {
  return (await db.page.findUniqueOrThrow({ where: { id: pageId } })).currentRevisionId!;
}

/** startOAuthLinkAction takes the provider as an argument; refusals come back as its error. */
const startOAuthLink: Action = async (_state, data) => {
  const started = await startOAuthLinkAction({ provider: String(data.get("provider")) });
  return started.ok ? { status: "ok", message: "started" } : { status: "error", message: started.error };
};

/** previewPasteAction takes its input as an argument and answers a preview; refusals come back as its error. */
const previewPaste: Action = async (_state, data) => {
  const preview = await previewPasteAction({
    projectId: Number(data.get("projectId")),
    text: String(data.get("text")),
    priority: "required",
  });
  return preview.error ? { status: "error", message: preview.error } : { status: "ok", message: "previewed" };
};

const MATRIX: Row[] = [
  {
    name: "preview pasted names for a needs list (linted)",
    action: previewPaste,
    covers: previewPasteAction,
    allowed: ["repThis", "admin"],
    form: async () => ({ projectId: String(ids.linted), text: "unshare, mount and setgroups" }),
  },
  {
    name: "save a needs list (linted)",
    action: saveNeedsAction,
    allowed: ["repThis", "admin"],
    form: async () => ({
      projectId: String(ids.linted),
      baseRevisionId: String(await revisionOf(ids.lintedPage)),
      summary: "m",
      text: "",
      // cap_set_proc stays listed by linted alone, for the withdraw and reopen rows below.
      rows: JSON.stringify([
        { function: "mount", priority: "required" },
        { function: "cap_set_proc", priority: "required" },
      ]),
      keepUnknown: "[]",
    }),
  },
  {
    name: "edit a proposal (mount)",
    action: saveProposalAction,
    allowed: ["repOther", "repThis", "maintainer", "admin"],
    form: async () => ({
      functionName: "mount",
      baseRevisionId: String(await revisionOf(ids.mountPage)),
      summary: "m",
      text: "t",
      guarantee: "g",
      implementationKind: "unknown",
      implementationNote: "",
      asSafety: "unknown",
    }),
  },
  {
    name: "restore a proposal revision",
    action: restoreRevisionAction,
    allowed: ["repOther", "repThis", "maintainer", "admin"],
    form: async () => ({ pageId: String(ids.mountPage), number: "1" }),
  },
  {
    name: "undo a needs revision",
    action: undoRevisionAction,
    allowed: ["repThis", "admin"],
    form: async () => ({ pageId: String(ids.lintedPage), number: "2" }),
  },
  {
    name: "comment",
    action: addCommentAction,
    allowed: SIGNED_IN,
    form: async () => ({ pageId: String(ids.mountPage), parentId: "", body: "hello" }),
  },
  {
    name: "vote",
    action: voteAction,
    allowed: ["maintainer", "admin"],
    form: async () => ({
      pageId: String(ids.mountPage),
      revisionId: String(await revisionOf(ids.mountPage)),
      value: "1",
      comment: "",
    }),
  },
  {
    name: "record agreement",
    action: agreementAction,
    allowed: ["maintainer", "admin"],
    form: async () => ({ pageId: String(ids.mountPage), revisionId: String(await revisionOf(ids.mountPage)) }),
  },
  {
    name: "reject",
    action: rejectAction,
    allowed: ["maintainer", "admin"],
    form: async () => ({ pageId: String(ids.mountPage), reason: "no" }),
  },
  {
    name: "withdraw a request never agreed (cap_set_proc, which only linted lists)",
    action: withdrawAction,
    allowed: ["repThis", "maintainer", "admin"],
    form: async () => ({ pageId: String(ids.capPage), reason: "" }),
  },
  {
    name: "reopen a request never agreed (cap_set_proc, which only linted lists)",
    action: reopenAction,
    allowed: ["repThis", "maintainer", "admin"],
    form: async () => ({ pageId: String(ids.capPage), reason: "" }),
  },
  {
    name: "withdraw an agreed proposal (umount2, which linted lists)",
    action: withdrawAction,
    allowed: ["maintainer", "admin"],
    form: async () => ({ pageId: String(ids.umountPage), reason: "The kernel's detach semantics changed." }),
  },
  {
    name: "reopen a proposal whose agreement was withdrawn (umount2)",
    action: reopenAction,
    allowed: ["maintainer", "admin"],
    form: async () => ({ pageId: String(ids.umountPage), reason: "" }),
  },
  {
    name: "change the agreement rule",
    action: saveRuleAction,
    allowed: ["admin"],
    form: async () => ({ minApprovals: "2", minStrongApprovals: "1", vetoBlocks: "true" }),
  },
  {
    name: "grant a role",
    action: setRoleAction,
    allowed: ["admin"],
    form: async () => ({ userId: String(ids.reader), role: "reader" }),
  },
  {
    name: "disable a user",
    action: setDisabledAction,
    allowed: ["admin"],
    form: async () => ({ userId: String(ids.reader), disabled: "false" }),
  },
  {
    name: "link a representative",
    action: setProjectsAction,
    allowed: ["admin"],
    form: async () => ({ userId: String(ids.reader) }),
  },
  {
    name: "create a project",
    action: saveProjectAction,
    allowed: ["admin"],
    form: async () => ({
      id: "",
      slug: `p-${Math.random().toString(36).slice(2, 8)}`,
      name: "P",
      homepage: "",
      description: "",
      caveats: "",
    }),
  },
  {
    name: "watch a page",
    action: watchAction,
    allowed: SIGNED_IN,
    form: async () => ({ pageId: String(ids.mountPage), watching: "true" }),
  },
  {
    name: "mark a watched page seen",
    action: markSeenAction,
    allowed: SIGNED_IN,
    form: async () => ({ pageId: String(ids.mountPage) }),
  },
  { name: "mark the watchlist seen", action: markAllSeenAction, allowed: SIGNED_IN, form: async () => ({}) },
  { name: "create a feed URL", action: createFeedTokenAction, allowed: SIGNED_IN, form: async () => ({}) },
  { name: "revoke the feed URL", action: revokeFeedTokenAction, allowed: SIGNED_IN, form: async () => ({}) },
  {
    name: "create an API token",
    action: createApiTokenAction as Action,
    allowed: SIGNED_IN,
    form: async () => ({ name: "ci" }),
  },
  {
    name: "revoke an API token",
    action: revokeApiTokenAction,
    allowed: SIGNED_IN,
    form: async () => ({ tokenId: String(ids.tokenId) }),
  },
  {
    name: "change one's password (wrong current password)",
    action: changePasswordAction,
    allowed: OWN_ACCOUNT,
    form: async () => ({ current: "not it", password: "a new password 1", confirm: "a new password 1" }),
  },
  { name: "sign out everywhere", action: signOutEverywhereAction, allowed: OWN_ACCOUNT, form: async () => ({}) },
  {
    name: "start linking a sign-in provider",
    action: startOAuthLink,
    covers: startOAuthLinkAction,
    allowed: OWN_ACCOUNT,
    form: async () => ({ provider: "github" }),
  },
  {
    name: "send the confirmation mail again",
    action: resendVerificationAction,
    allowed: OWN_ACCOUNT,
    form: async () => ({}),
  },
  {
    name: "save one's mail settings",
    action: saveMailSettingsAction,
    allowed: OWN_ACCOUNT,
    form: async () => ({
      "page-revision": "digest",
      "page-comment": "never",
      "review-awaiting": "immediate",
      "review-decision": "immediate",
      "needs-changed": "immediate",
      "needs-decision": "digest",
      autoWatch: "on",
    }),
  },
];

const TABLES = [
  "users",
  "project_representatives",
  "projects",
  "functions",
  "pages",
  "revisions",
  "needs",
  "votes",
  "decisions",
  "comments",
  "audit_events",
  "settings",
  "access_tokens",
  "watches",
  "mail_preferences",
];

/** A fingerprint of every table a mutation could touch. */
async function fingerprint(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const [row] = await db.$queryRawUnsafe<{ h: string }[]>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${table} t`,
    );
    out[table] = row!.h;
  }
  return out;
}

function formData(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

async function run(action: Action, fields: Record<string, string>): Promise<FormState | "redirected"> {
  try {
    return await action({ status: "idle" }, formData(fields));
  } catch (error) {
    if (error instanceof Error && error.message === "NEXT_REDIRECT") return "redirected";
    throw error;
  }
}

const DENIED = ["You are not allowed to do that.", "Sign in first."];
const OPEN_ACTIONS = ["registerAction", "verifyEmailAction", "requestResetAction", "resetPasswordAction"];

beforeAll(async () => {
  await seed(db);
  await seedDemoUsers(db);
  const user = (email: string) => db.user.findUniqueOrThrow({ where: { email } });
  const disabled = await db.user.create({
    data: { email: "disabled@afterfork.test", name: "Disabled", role: "admin", disabled: true },
  });
  ids.linted = (await db.project.findUniqueOrThrow({ where: { slug: "linted" } })).id;
  ids.lintedPage = (await db.page.findUniqueOrThrow({ where: { projectId: ids.linted } })).id;
  ids.mountPage = (await db.page.findFirstOrThrow({ where: { function: { name: "mount" } } })).id;
  ids.reader = (await user("reader@afterfork.test")).id;
  ids.capPage = (await db.page.findFirstOrThrow({ where: { function: { name: "cap_set_proc" } } })).id;
  // umount2 is agreed, so only maintainers may end that agreement.
  ids.umountPage = (await db.page.findFirstOrThrow({ where: { function: { name: "umount2" } } })).id;
  const umount = { pageId: ids.umountPage, revisionId: await revisionOf(ids.umountPage) };
  await castVote((await user("maintainer1@afterfork.test")).id, { ...umount, value: 1, comment: "" });
  await castVote((await user("maintainer2@afterfork.test")).id, { ...umount, value: 2, comment: "" });
  await recordAgreement((await user("maintainer1@afterfork.test")).id, umount);
  actors.anonymous = null;
  actors.reader = await loadActor(ids.reader);
  actors.repOther = await loadActor((await user("rep-systemd@afterfork.test")).id);
  actors.repThis = await loadActor((await user("rep-linted@afterfork.test")).id);
  actors.maintainer = await loadActor((await user("maintainer1@afterfork.test")).id);
  actors.admin = await loadActor((await user("admin@afterfork.test")).id);
  actors.disabled = await loadActor(disabled.id);
  const unverified = await db.user.create({
    data: {
      email: "unverified@afterfork.test",
      name: "Unverified",
      role: "admin",
      emailVerifiedAt: null,
      projects: { create: { projectId: ids.linted } },
    },
  });
  actors.unverified = await loadActor(unverified.id);
  ids.tokenId = (
    await db.accessToken.create({ data: { userId: ids.reader, name: "t", tokenHash: "0".repeat(64) } })
  ).id;
});

describe("authorisation matrix: every server action × every kind of user", () => {
  // Registration and the mailed links are open to all: tests/integration/registration and account-mail.
  it("has a row for every exported server action but the open ones", async () => {
    const modules = await Promise.all(
      [
        "@/lib/comments/actions",
        "@/lib/pages/actions",
        "@/lib/projects/actions",
        "@/lib/projects/admin-actions",
        "@/lib/review/actions",
        "@/lib/users/actions",
        "@/lib/watch/actions",
        "@/lib/tokens/actions",
        "@/lib/users/account-actions",
        "@/lib/users/mail-actions",
        "@/lib/mail/actions",
      ].map((name) => import(name) as Promise<Record<string, unknown>>),
    );
    const covered = new Set(MATRIX.map((row) => row.covers ?? row.action));
    const missing = modules
      .flatMap((exports) => Object.entries(exports))
      .filter(([name, value]) => typeof value === "function" && !OPEN_ACTIONS.includes(name) && !covered.has(value))
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it("disabled users have no session", () => {
    expect(actors.disabled).toBeNull();
  });

  it("an account with an unconfirmed address has no role and represents no project", () => {
    expect(actors.unverified).toMatchObject({ role: "reader", projectIds: [], emailVerified: false });
  });

  for (const row of MATRIX) {
    for (const who of EVERYONE) {
      const allowed = row.allowed.includes(who);
      it(`${row.name}: ${who} is ${allowed ? "allowed" : "refused, and nothing changes"}`, async () => {
        session.actor = actors[who];
        const fields = await row.form();
        const before = allowed ? null : await fingerprint();
        const result = await run(row.action, fields);
        if (allowed) {
          if (result !== "redirected") expect(DENIED).not.toContain(result.status === "error" ? result.message : "");
        } else {
          expect(result).not.toBe("redirected");
          expect(result === "redirected" ? "" : result.status === "error" ? result.message : result.status).toBe(
            who === "anonymous" || who === "disabled" ? "Sign in first." : "You are not allowed to do that.",
          );
          expect(await fingerprint()).toEqual(before);
        }
      });
    }
  }
});
