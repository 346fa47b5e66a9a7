import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addComment, CommentError } from "@/lib/comments/mutations";
import { commentThread } from "@/lib/comments/data";
import { editPage } from "@/lib/pages/editing";
import { compareRevisions, listRevisions } from "@/lib/pages/history";
import { describeFunctionPage, functionPageRef, projectPageRef } from "@/lib/pages/refs";
import { EditConflictError, ensureNeedsPage, ensureProposalPage, saveRevision } from "@/lib/pages/revisions";
import { restoreRevision, RevertError, undoRevision } from "@/lib/pages/revert";
import { recentChanges } from "@/lib/recent/data";
import { atomFeed } from "@/lib/recent/feed";
import { DEFAULT_GUARANTEE, type ProposalFields } from "@/lib/pages/fields";
import { kindOf } from "@/lib/pages/kinds";
import "@/lib/server/page-hooks";

let alice: number;
let bob: number;
let pageId: number;
let needsPageId: number;

const fields = (patch: Partial<ProposalFields> = {}): ProposalFields => ({
  guarantee: DEFAULT_GUARANTEE,
  implementationKind: "unknown",
  implementationNote: "",
  asSafety: "unknown",
  ...patch,
});
const TEXT = ["# Proposal", "", "First paragraph.", "", "Second paragraph.", "", "Third paragraph."].join("\n");

async function current() {
  const page = await db.page.findUniqueOrThrow({ where: { id: pageId }, include: { currentRevision: true } });
  return page.currentRevision!;
}

beforeAll(async () => {
  alice = (await db.user.create({ data: { email: "alice@example.org", name: "Alice" } })).id;
  bob = (await db.user.create({ data: { email: "bob@example.org", name: "Bob" } })).id;
  const fn = await db.function.create({ data: { name: "editfn" } });
  pageId = (await ensureProposalPage(db, fn.id)).id;
  await saveRevision({ pageId, baseRevisionId: null, authorId: alice, summary: "start", text: TEXT, fields: fields() });
  const project = await db.project.create({ data: { slug: "editproj", name: "Edit project" } });
  needsPageId = (await ensureNeedsPage(db, project.id)).id;
  await saveRevision({
    pageId: needsPageId,
    baseRevisionId: null,
    authorId: alice,
    summary: "rows",
    text: "",
    fields: { rows: [{ function: "mount", priority: "required" }] },
  });
});

describe("group editing", () => {
  it("merges two edits of one base that touch different places, and says so", async () => {
    const base = await current();
    const page = (await describeFunctionPage("editfn"))!;
    const first = await editPage({
      page,
      baseRevisionId: base.id,
      authorId: alice,
      summary: "first para",
      text: TEXT.replace("First paragraph.", "First paragraph, edited."),
      fields: fields(),
    });
    const second = await editPage({
      page,
      baseRevisionId: base.id,
      authorId: bob,
      summary: "third para",
      text: TEXT.replace("Third paragraph.", "Third paragraph, edited."),
      fields: fields({ asSafety: "AS-unsafe" }),
    });
    expect(first).toMatchObject({ status: "saved", merged: false });
    expect(second).toMatchObject({ status: "saved", merged: true });
    const now = await current();
    expect(now.text).toContain("First paragraph, edited.");
    expect(now.text).toContain("Third paragraph, edited.");
    expect(now.fields).toMatchObject({ asSafety: "AS-unsafe" });
  });

  it("reports a real conflict with the other person's change and writes nothing", async () => {
    const base = await current();
    const page = (await describeFunctionPage("editfn"))!;
    await editPage({
      page,
      baseRevisionId: base.id,
      authorId: alice,
      summary: "alice",
      text: base.text.replace("Second paragraph.", "Alice's second."),
      fields: kindOf("proposal").parseFields(base.fields),
    });
    const before = await db.revision.count({ where: { pageId } });
    const outcome = await editPage({
      page,
      baseRevisionId: base.id,
      authorId: bob,
      summary: "bob",
      text: base.text.replace("Second paragraph.", "Bob's second."),
      fields: kindOf("proposal").parseFields(base.fields),
    });
    if (outcome.status !== "conflict") throw new Error(`expected a conflict, got ${outcome.status}`);
    expect(outcome.conflict.conflicts).toEqual(["text"]);
    expect(outcome.conflict.theirs.author).toBe("Alice");
    expect(outcome.conflict.currentRevisionId).toBe((await current()).id);
    expect(JSON.stringify(outcome.conflict.theirs.text)).toContain("Alice");
    expect(await db.revision.count({ where: { pageId } })).toBe(before);
  });

  it("20 concurrent saves on one base: every save is a revision or a reported conflict, and the chain has no fork", async () => {
    const base = await current();
    const before = await db.revision.count({ where: { pageId } });
    const lines = base.text.split("\n");
    // Half edit distinct new lines appended in separate places (mergeable), half rewrite the same line.
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => {
        const text =
          i % 2 === 0
            ? [...lines, "", `Appendix ${i}.`].join("\n")
            : base.text.replace("# Proposal", `# Proposal ${i}`);
        return saveRevision({
          pageId,
          baseRevisionId: base.id,
          authorId: i % 2 ? alice : bob,
          summary: `concurrent ${i}`,
          text,
          fields: base.fields,
        });
      }),
    );
    const saved = results.filter((r) => r.status === "fulfilled").length;
    const conflicts = results.filter((r) => r.status === "rejected" && r.reason instanceof EditConflictError).length;
    expect(saved + conflicts).toBe(20);
    expect(saved).toBeGreaterThanOrEqual(1);
    const after = await db.revision.findMany({ where: { pageId }, orderBy: { number: "asc" } });
    expect(after.length).toBe(before + saved);
    after.forEach((r, i) => {
      expect(r.number).toBe(i + 1);
      expect(r.parentId).toBe(i === 0 ? null : after[i - 1]!.id);
    });
    const summaries = new Set(after.map((r) => r.summary));
    results.forEach((r, i) => {
      if (r.status === "fulfilled") expect(summaries.has(`concurrent ${i}`)).toBe(true);
    });
  });

  it("restores an old revision as a new one", async () => {
    const first = await db.revision.findFirstOrThrow({ where: { pageId, number: 1 } });
    const { revision } = await restoreRevision(pageId, 1, bob);
    expect(revision.summary).toBe("Restored revision 1 by Alice");
    expect(revision.text).toBe(first.text);
    expect(revision.fields).toEqual(first.fields);
    expect(revision.restoredFromId).toBe(first.id);
    await expect(restoreRevision(pageId, revision.number, bob)).rejects.toBeInstanceOf(RevertError);
  });

  it("undoes one revision's change when it reverses cleanly, and refuses otherwise", async () => {
    const base = await current();
    const { revision: adds } = await saveRevision({
      pageId,
      baseRevisionId: base.id,
      authorId: alice,
      summary: "add a line",
      text: `${base.text}\n\nA line to undo.`,
      fields: base.fields,
    });
    await saveRevision({
      pageId,
      baseRevisionId: adds.id,
      authorId: bob,
      summary: "unrelated field",
      text: adds.text,
      fields: fields({ implementationKind: "complex" }),
    });
    const { revision: undone } = await undoRevision(pageId, adds.number, bob);
    expect(undone.text).not.toContain("A line to undo.");
    expect(undone.fields).toMatchObject({ implementationKind: "complex" });
    expect(undone.summary).toBe(`Undid revision ${adds.number} by Alice`);
    await expect(undoRevision(pageId, 1, bob)).rejects.toBeInstanceOf(RevertError);
  });

  it("compares any two revisions, counting those in between", async () => {
    const ref = (await functionPageRef("editfn"))!;
    const last = (await current()).number;
    const comparison = (await compareRevisions(ref, 1, last))!;
    expect(comparison.intermediate.revisions).toBe(last - 2);
    expect(comparison.intermediate.users).toBe(2);
    expect(comparison.fields.kind).toBe("proposal");
    const { revisions } = await listRevisions(ref.pageId, { limit: 3 });
    expect(revisions.map((r) => r.number)).toEqual([last, last - 1, last - 2]);
    expect(revisions.every((r) => typeof r.sizeChange === "number")).toBe(true);
  });

  it("diffs needs lists as rows", async () => {
    const page = await db.page.findUniqueOrThrow({ where: { id: needsPageId } });
    await saveRevision({
      pageId: needsPageId,
      baseRevisionId: page.currentRevisionId,
      authorId: alice,
      summary: "more",
      text: "",
      fields: {
        rows: [
          { function: "mount", priority: "convenient" },
          { function: "prctl", priority: "required" },
        ],
      },
    });
    const ref = (await projectPageRef("editproj"))!;
    const comparison = (await compareRevisions(ref, 1, 2))!;
    expect(comparison.fields).toEqual({
      kind: "needs",
      needs: {
        added: [{ function: "prctl", priority: "required", rationale: "", context: "" }],
        removed: [],
        changed: [{ function: "mount", changes: [{ field: "priority", from: "required", to: "convenient" }] }],
        reordered: false,
      },
    });
  });

  it("threads comments and refuses a reply to another page's comment", async () => {
    const top = await addComment({ pageId, parentId: null, body: "Is this AS-safe?" }, bob);
    await addComment({ pageId, parentId: top.id, body: "Yes, it is a syscall stub." }, alice);
    const thread = await commentThread(pageId);
    expect(thread).toHaveLength(1);
    expect(thread[0]!.replies[0]!.body).toBe("Yes, it is a syscall stub.");
    await expect(addComment({ pageId: needsPageId, parentId: top.id, body: "wrong page" }, bob)).rejects.toBeInstanceOf(
      CommentError,
    );
  });

  it("lists every edit and comment in recent changes, newest first, filterable, as a valid Atom feed", async () => {
    const { items } = await recentChanges({ page: 1 });
    expect(items[0]!.kind).toBe("comment");
    expect(items.some((i) => i.kind === "edit" && i.functionName === "editfn")).toBe(true);
    const byProject = await recentChanges({ page: 1, project: "editproj" });
    expect(byProject.items.every((i) => i.projectSlug === "editproj")).toBe(true);
    expect(byProject.items.length).toBe(2);
    const onlyComments = await recentChanges({ page: 1, kind: "comment", user: alice });
    expect(onlyComments.items.map((i) => i.body)).toEqual(["Yes, it is a syscall stub."]);
    const xml = atomFeed({
      title: "t",
      selfPath: "/recent/atom",
      htmlPath: "/recent",
      origin: "http://127.0.0.1:3000",
      items,
    });
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser().parse(xml);
    expect(doc.feed.entry.length).toBe(items.length);
  });
});
