import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import type { FormState } from "@/lib/server/actions/state";

// Agreed means agreed: what maintainers agreed (status, estimate, guarantee,
// text) comes from the agreed revision whatever is saved after it, and only
// maintainers end an agreement. Server actions run for real; only the
// request context (whose session it is, Next's cache) is replaced.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", async (original) => ({
  ...(await original<typeof import("@/lib/auth/session")>()),
  currentActor: async () => session.actor,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "127.0.0.1:3000" }) }));

const { db } = await import("@/lib/db");
await import("@/lib/server/page-hooks");
const { loadActor } = await import("@/lib/auth/session");
const { exportMarkdown } = await import("@/lib/export/data");
const { listFunctions } = await import("@/lib/functions/catalog");
const { catalogQuerySchema } = await import("@/lib/functions/schema");
const { DEFAULT_GUARANTEE } = await import("@/lib/pages/fields");
const { editPage } = await import("@/lib/pages/editing");
const { describeFunctionPage } = await import("@/lib/pages/refs");
const { ensureNeedsPage, ensureProposalPage, saveRevision } = await import("@/lib/pages/revisions");
const { withdrawAction } = await import("@/lib/review/actions");
const { agreementHistory } = await import("@/lib/review/data");
const { castVote, recordAgreement } = await import("@/lib/review/mutations");
const { getFunctionDetail } = await import("@/lib/server/api/functions");
const withdrawalRoute = await import("@/app/api/v1/functions/[name]/withdrawal/route");
const functionsRoute = await import("@/app/api/v1/functions/route");
const { createApiToken } = await import("@/lib/tokens/tokens");

const ORIGIN = "https://afterfork.example";
const NOW = new Date("2026-04-01T12:00:00.000Z");
const AGREED_TEXT = "NSS is never consulted: `setgroups` only broadcasts the change to every thread.";
const PENDING_TEXT = "PENDING EDIT, never reviewed.";

const who = {} as Record<"m1" | "m2" | "rep" | "repOther", Actor>;
let repToken = "";

const agreedFields = {
  guarantee: DEFAULT_GUARANTEE,
  implementationKind: "complex",
  implementationNote: "setxid broadcast",
  asSafety: "AS-unsafe",
} as const;

async function propose(name: string, text: string, fields: Record<string, string> = agreedFields) {
  const fn = await db.function.upsert({ where: { name }, create: { name }, update: {} });
  const page = await ensureProposalPage(db, fn.id);
  const { revision } = await saveRevision({
    pageId: page.id,
    baseRevisionId: page.currentRevisionId,
    authorId: who.rep.id,
    summary: "propose",
    text,
    fields,
  });
  return { pageId: page.id, revisionId: revision.id };
}

async function agree(p: { pageId: number; revisionId: number }) {
  await castVote(who.m1.id, { ...p, value: 1, comment: "" });
  await castVote(who.m2.id, { ...p, value: 2, comment: "" });
  return recordAgreement(who.m1.id, p);
}

/** The representative's unreviewed edit, through the one edit use case. */
async function editAsRep(name: string, text: string) {
  const page = (await describeFunctionPage(name))!;
  const outcome = await editPage({
    page,
    baseRevisionId: page.currentRevisionId,
    authorId: who.rep.id,
    summary: "unreviewed",
    text,
    fields: {
      guarantee: PENDING_TEXT,
      implementationKind: "syscall stub",
      implementationNote: "",
      asSafety: "AS-safe",
    },
  });
  expect(outcome.status).toBe("saved");
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

async function withdrawAs(actor: Actor, pageId: number, reason: string): Promise<FormState> {
  session.actor = actor;
  return withdrawAction({ status: "idle" }, form({ pageId: String(pageId), reason }));
}

async function catalogNames(query: Record<string, string>) {
  return (await listFunctions(catalogQuerySchema.parse(query))).rows.map((r) => r.name);
}

/** Everything a refused decision could change. */
async function snapshot() {
  return Promise.all([
    db.decision.findMany({ orderBy: { id: "asc" } }),
    db.function.findMany({ orderBy: { id: "asc" } }),
    db.page.findMany({ orderBy: { id: "asc" } }),
    db.auditEvent.count(),
  ]);
}

const exportText = (underReview = false) => exportMarkdown({ underReview, group: "status" }, ORIGIN, db, NOW);

let setgroups = { pageId: 0, revisionId: 0 };

beforeAll(async () => {
  const linted = await db.project.create({ data: { slug: "linted", name: "linted" } });
  const systemd = await db.project.create({ data: { slug: "systemd", name: "systemd" } });
  const user = async (email: string, role: Actor["role"], projectId?: number) => {
    const u = await db.user.create({ data: { email, name: email.split("@")[0]!, role } });
    if (projectId) await db.projectRepresentative.create({ data: { userId: u.id, projectId } });
    return (await loadActor(u.id))!;
  };
  who.m1 = await user("m1@example.org", "maintainer");
  who.m2 = await user("m2@example.org", "maintainer");
  who.rep = await user("rep@example.org", "representative", linted.id);
  who.repOther = await user("rep-systemd@example.org", "representative", systemd.id);
  repToken = (await createApiToken(who.rep.id, "ci", who.rep.id)).token;
  const needs = await ensureNeedsPage(db, linted.id);
  await saveRevision({
    pageId: needs.id,
    baseRevisionId: null,
    authorId: who.rep.id,
    summary: "needs",
    text: "",
    fields: {
      rows: [
        { function: "setgroups", priority: "required", rationale: "", context: "" },
        { function: "memmove", priority: "convenient", rationale: "", context: "" },
        { function: "setpriority", priority: "can-work-around", rationale: "", context: "" },
      ],
    },
  });
  setgroups = await propose("setgroups", AGREED_TEXT);
  await agree(setgroups);
});

describe("agreed means agreed", () => {
  it("a representative's edit of an agreed proposal changes neither the API's agreed estimate, the catalog filter result nor the export", async () => {
    const exportBefore = await exportText();
    expect(exportBefore).toContain("NSS is never consulted");
    await editAsRep("setgroups", PENDING_TEXT);

    const fn = await db.function.findUniqueOrThrow({ where: { name: "setgroups" } });
    expect([fn.status, fn.estimateKind, fn.estimateAsSafety]).toEqual(["agreed", "complex", "AS-unsafe"]);
    const detail = (await getFunctionDetail("setgroups"))!;
    expect(detail.status).toBe("agreed");
    expect(detail.changesPending).toBe(true);
    expect(detail.estimate).toEqual({ kind: "complex", asSafety: "AS-unsafe" });
    expect(detail.agreed).toMatchObject({ number: 1, text: AGREED_TEXT, fields: agreedFields });
    expect(detail.pending).toMatchObject({ number: 2, text: PENDING_TEXT, fields: { asSafety: "AS-safe" } });

    expect(await catalogNames({ estimate: "AS-unsafe" })).toContain("setgroups");
    expect(await catalogNames({ estimate: "AS-safe" })).not.toContain("setgroups");
    const api = await functionsRoute.GET(new Request("http://afterfork.test/api/v1/functions?estimate=AS-safe"), {
      params: Promise.resolve({}),
    });
    expect(api.status).toBe(200);
    expect(((await api.json()) as { items: { name: string }[] }).items.map((i) => i.name)).not.toContain("setgroups");
    expect(await exportText()).toBe(exportBefore);
    const withReview = await exportText(true);
    expect(withReview).toContain("### `setgroups` (changes to the agreed revision 1, NOT agreed)");
    expect(withReview.slice(withReview.indexOf("## Under review"))).toContain(PENDING_TEXT);
    expect(withReview.slice(0, withReview.indexOf("## Under review"))).not.toContain(PENDING_TEXT);
  });

  it("refuses a representative's withdrawal of an agreed proposal: 403 in the API, a clear message in the form, nothing changes", async () => {
    const before = await snapshot();
    const response = await withdrawalRoute.POST(
      new Request("http://afterfork.test/api/v1/functions/setgroups/withdrawal", {
        method: "POST",
        headers: { authorization: `Bearer ${repToken}`, "content-type": "application/json" },
        body: JSON.stringify({ reason: "not needed any more" }),
      }),
      { params: Promise.resolve({ name: "setgroups" }) },
    );
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    expect(await withdrawAs(who.rep, setgroups.pageId, "not needed any more")).toEqual({
      status: "error",
      message: "You are not allowed to do that.",
    });
    expect(await snapshot()).toEqual(before);
  });

  it("takes a maintainer's reason to withdraw an agreement, then lists the function under Withdrawn with it", async () => {
    const before = await snapshot();
    const noReason = await withdrawAs(who.m2, setgroups.pageId, "");
    expect(noReason).toMatchObject({ status: "error", message: expect.stringMatching(/^Give the reason/) });
    expect(await snapshot()).toEqual(before);

    const reason = "glibc 2.40 takes a lock in the broadcast; the agreement no longer holds.";
    expect(await withdrawAs(who.m2, setgroups.pageId, reason)).toMatchObject({ status: "ok" });
    const text = await exportText();
    const agreed = text.slice(text.indexOf("## Agreed"), text.indexOf("## Not guaranteed"));
    expect(agreed).not.toContain("setgroups");
    const withdrawn = text.slice(text.indexOf("## Withdrawn"));
    expect(withdrawn).toContain("`setgroups` (agreed at revision 1 on 20");
    expect(withdrawn.replace(/\s+/g, " ")).toContain(reason);
    expect((await getFunctionDetail("setgroups"))!).toMatchObject({ status: "withdrawn", agreed: null, pending: null });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "decision.withdrawn" } });
    expect(event.details).toMatchObject({ pageId: setgroups.pageId, reason, endsAgreement: setgroups.revisionId });
  });

  it("lets a representative withdraw only their own project's request that was never agreed", async () => {
    const memmove = await propose("memmove", "Copies the argument vector.");
    const before = await snapshot();
    expect(await withdrawAs(who.repOther, memmove.pageId, "")).toEqual({
      status: "error",
      message: "You are not allowed to do that.",
    });
    expect(await snapshot()).toEqual(before);
    expect(await withdrawAs(who.rep, memmove.pageId, "")).toMatchObject({ status: "ok" });
    expect((await db.function.findUniqueOrThrow({ where: { name: "memmove" } })).status).toBe("withdrawn");
  });

  it("counts every function a project lists as requested, whatever its priority", async () => {
    const setpriority = await db.function.findUniqueOrThrow({
      where: { name: "setpriority" },
      include: { page: true },
    });
    expect(setpriority.status).toBe("proposed");
    expect(setpriority.page).not.toBeNull();
    expect(await catalogNames({ status: "unrequested" })).not.toContain("setpriority");
    expect(await catalogNames({ status: "proposed" })).toContain("setpriority");
  });

  it("keeps every agreement in the history: a superseded one stays listed beside the one in force", async () => {
    const prctl = await propose("prctl", "PR_SET_PDEATHSIG only.");
    await agree(prctl);
    await editAsRep("prctl", "PR_SET_PDEATHSIG and PR_SET_NO_NEW_PRIVS.");
    const page = await db.page.findUniqueOrThrow({ where: { id: prctl.pageId } });
    await agree({ pageId: prctl.pageId, revisionId: page.currentRevisionId! });
    const history = await agreementHistory(prctl.pageId);
    expect(history.map((a) => [a.revisionNumber, a.standing, a.recordedBy])).toEqual([
      [2, "in force", "m1"],
      [1, "superseded", "m1"],
    ]);
    expect(history[1]!.votes).toEqual([
      { voter: "m1", value: 1 },
      { voter: "m2", value: 2 },
    ]);
    const fn = await db.function.findUniqueOrThrow({ where: { name: "prctl" } });
    expect([fn.status, fn.estimateAsSafety]).toEqual(["agreed", "AS-safe"]);
  });
});
