import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import type { FormState } from "@/lib/server/actions/state";

// The edit use case through its adapters: the edit forms' server actions
// (with the session replaced, as in the authorisation matrix) and editPage
// itself inside a caller's transaction.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", async (original) => ({
  ...(await original<typeof import("@/lib/auth/session")>()),
  currentActor: async () => session.actor,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "127.0.0.1:3000" }) }));

const { db } = await import("@/lib/db");
const { loadActor } = await import("@/lib/auth/session");
const { saveProposalAction } = await import("@/lib/pages/actions");
const { saveNeedsAction } = await import("@/lib/projects/actions");
const { editPage } = await import("@/lib/pages/editing");
const { kindOf } = await import("@/lib/pages/kinds");
const { describeFunctionPage } = await import("@/lib/pages/refs");
const { ensureNeedsPage, ensureProposalPage, saveRevision } = await import("@/lib/pages/revisions");
const { DEFAULT_GUARANTEE } = await import("@/lib/pages/fields");

const proposal = {
  guarantee: DEFAULT_GUARANTEE,
  implementationKind: "unknown",
  implementationNote: "",
  asSafety: "unknown",
};
const ids = { alice: 0, bob: 0, project: 0, proposalPage: 0, needsPage: 0, proposalRevision: 0, needsRevision: 0 };

function formData(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

async function submit(
  action: (state: FormState, data: FormData) => Promise<FormState>,
  fields: Record<string, string>,
): Promise<FormState | { redirectedTo: string }> {
  try {
    return await action({ status: "idle" }, formData(fields));
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) {
      return { redirectedTo: digest.split(";")[2]! };
    }
    throw error;
  }
}

const revisionCount = () => db.revision.count();

const proposalForm = (baseRevisionId: number, patch: Record<string, string> = {}) => ({
  functionName: "usecasefn",
  baseRevisionId: String(baseRevisionId),
  summary: "edit",
  text: "Text.",
  ...proposal,
  ...patch,
});

beforeAll(async () => {
  const alice = await db.user.create({ data: { email: "alice@usecase.test", name: "Alice", role: "admin" } });
  ids.alice = alice.id;
  ids.bob = (await db.user.create({ data: { email: "bob@usecase.test", name: "Bob", role: "admin" } })).id;
  const fn = await db.function.create({ data: { name: "usecasefn" } });
  ids.proposalPage = (await ensureProposalPage(db, fn.id)).id;
  ids.proposalRevision = (
    await saveRevision({
      pageId: ids.proposalPage,
      baseRevisionId: null,
      authorId: ids.alice,
      summary: "start",
      text: "Text.",
      fields: proposal,
    })
  ).revision.id;
  ids.project = (await db.project.create({ data: { slug: "usecase", name: "Use case" } })).id;
  ids.needsPage = (await ensureNeedsPage(db, ids.project)).id;
  ids.needsRevision = (
    await saveRevision({
      pageId: ids.needsPage,
      baseRevisionId: null,
      authorId: ids.alice,
      summary: "rows",
      text: "",
      fields: { rows: [{ function: "usecasefn", priority: "required" }] },
    })
  ).revision.id;
  session.actor = await loadActor(ids.alice);
});

describe("the edit forms go through the edit use case", () => {
  it("refuses a base revision from another page and writes nothing", async () => {
    const before = await revisionCount();
    const result = await submit(saveProposalAction, proposalForm(ids.needsRevision, { text: "Changed." }));
    expect(result).toMatchObject({
      status: "error",
      message: expect.stringMatching(
        new RegExp(`Revision ${ids.needsRevision} is not a revision of the proposal for usecasefn.*Nothing was saved`),
      ),
    });
    const needs = await submit(saveNeedsAction, {
      projectId: String(ids.project),
      baseRevisionId: String(ids.proposalRevision),
      summary: "",
      text: "",
      rows: JSON.stringify([{ function: "usecasefn", priority: "convenient" }]),
      keepUnknown: "[]",
    });
    expect(needs).toMatchObject({
      status: "error",
      message: expect.stringMatching(/not a revision of Use case's needs list/),
    });
    expect(await revisionCount()).toBe(before);
  });

  it("writes nothing for a save that changes nothing, and goes back to the page", async () => {
    const before = await revisionCount();
    const result = await submit(saveProposalAction, proposalForm(ids.proposalRevision, { summary: "no change" }));
    expect(result).toEqual({ redirectedTo: "/functions/usecasefn" });
    expect(await revisionCount()).toBe(before);
  });

  it("normalises the form's CRLF line ends once, so the same text posted from a browser is unchanged", async () => {
    const before = await revisionCount();
    const saved = await submit(saveProposalAction, proposalForm(ids.proposalRevision, { text: "One\r\nTwo" }));
    expect(saved).toEqual({ redirectedTo: "/functions/usecasefn" });
    const current = await db.page.findUniqueOrThrow({
      where: { id: ids.proposalPage },
      include: { currentRevision: true },
    });
    expect(current.currentRevision!.text).toBe("One\nTwo");
    const again = await submit(saveProposalAction, proposalForm(current.currentRevisionId!, { text: "One\r\nTwo" }));
    expect(again).toEqual({ redirectedTo: "/functions/usecasefn" });
    expect(await revisionCount()).toBe(before + 1);
  });

  it("refuses a needs row the catalog lacks with a suggestion, and writes nothing", async () => {
    const before = await revisionCount();
    const result = await submit(saveNeedsAction, {
      projectId: String(ids.project),
      baseRevisionId: String(ids.needsRevision),
      summary: "",
      text: "",
      rows: JSON.stringify([
        { function: "usecasefn", priority: "required" },
        { function: "usecasefm", priority: "required" },
      ]),
      keepUnknown: "[]",
    });
    expect(result).toMatchObject({
      status: "error",
      message: "Some names are not in the catalog; correct them or keep them as new functions.",
      fieldErrors: {
        unknown: ["usecasefm"],
        "rows.1.function": [
          "usecasefm is not in the catalog. Did you mean usecasefn? Keep it to add it as a new function.",
        ],
      },
    });
    expect(await revisionCount()).toBe(before);
  });
});

describe("editPage", () => {
  it("describes a conflict from what its own transaction read", async () => {
    const before = await revisionCount();
    const page = (await describeFunctionPage("usecasefn"))!;
    const base = await db.revision.findUniqueOrThrow({ where: { id: page.currentRevisionId! } });
    const fields = kindOf("proposal").parseFields(base.fields);
    // Alice's save is visible only inside this transaction: a conflict described
    // from another connection could not name it.
    const outcome = await db.$transaction(async (tx) => {
      const alice = await saveRevision(
        {
          pageId: base.pageId,
          baseRevisionId: base.id,
          authorId: ids.alice,
          summary: "alice's take",
          text: "Alice.",
          fields: { ...fields, asSafety: "AS-safe" },
        },
        tx,
      );
      const bob = await editPage(
        {
          page,
          baseRevisionId: base.id,
          authorId: ids.bob,
          summary: "bob",
          text: "Bob.",
          fields: { ...fields, asSafety: "AS-unsafe" },
        },
        tx,
      );
      return { alice: alice.revision, bob };
    });
    if (outcome.bob.status !== "conflict") throw new Error(`expected a conflict, got ${outcome.bob.status}`);
    expect(outcome.bob.conflict).toMatchObject({
      conflicts: ["text", "field asSafety"],
      baseNumber: base.number,
      currentRevisionId: outcome.alice.id,
      theirs: {
        number: outcome.alice.number,
        author: "Alice",
        summary: "alice's take",
        fields: { kind: "proposal", changes: [{ field: "AS-safety", from: "unknown", to: "AS-safe" }] },
      },
    });
    expect(JSON.stringify(outcome.bob.conflict.theirs.text)).toContain("Alice.");
    expect(await revisionCount()).toBe(before + 1);
  });

  it("keeps the base revision's text when an edit sends none", async () => {
    const page = (await describeFunctionPage("usecasefn"))!;
    const base = await db.revision.findUniqueOrThrow({ where: { id: page.currentRevisionId! } });
    const fields = { ...kindOf("proposal").parseFields(base.fields), implementationKind: "complex" as const };
    const outcome = await editPage({ page, baseRevisionId: base.id, authorId: ids.bob, summary: "kind", fields });
    if (outcome.status !== "saved") throw new Error(`expected a save, got ${outcome.status}`);
    expect(outcome.revision.text).toBe(base.text);
    expect(await db.function.findUniqueOrThrow({ where: { name: "usecasefn" } })).toMatchObject({
      estimateKind: "complex",
    });
  });
});
