import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import "@/lib/server/page-hooks";
import { EditConflictError, ensureNeedsPage, ensureProposalPage, saveRevision } from "@/lib/pages/revisions";
import { DEFAULT_GUARANTEE } from "@/lib/pages/fields";

let authorId: number;
let pageId: number;
let projectId: number;

const fields = (asSafety: "AS-safe" | "AS-unsafe" | "unknown") => ({
  guarantee: DEFAULT_GUARANTEE,
  implementationKind: "syscall stub",
  implementationNote: "",
  asSafety,
});

beforeAll(async () => {
  authorId = (await db.user.create({ data: { email: "author@example.org", name: "Author" } })).id;
  const fn = await db.function.create({ data: { name: "testfn" } });
  pageId = (await ensureProposalPage(db, fn.id)).id;
  projectId = (await db.project.create({ data: { slug: "testproj", name: "Test project" } })).id;
});

describe("revisions", () => {
  it("chains revisions and updates the function's estimate and status", async () => {
    const { revision: first } = await saveRevision({
      pageId,
      baseRevisionId: null,
      authorId,
      summary: "first",
      text: "one",
      fields: fields("unknown"),
    });
    const { revision: second } = await saveRevision({
      pageId,
      baseRevisionId: first.id,
      authorId,
      summary: "second",
      text: "two",
      fields: fields("AS-safe"),
    });
    expect([first.number, second.number, second.parentId]).toEqual([1, 2, first.id]);
    const fn = await db.function.findUniqueOrThrow({ where: { name: "testfn" }, include: { page: true } });
    expect(fn.page!.currentRevisionId).toBe(second.id);
    expect([fn.status, fn.estimateAsSafety]).toEqual(["proposed", "AS-safe"]);
  });

  it("refuses a save on a stale base and writes nothing", async () => {
    const page = await db.page.findUniqueOrThrow({ where: { id: pageId }, include: { revisions: true } });
    const stale = page.revisions.find((r) => r.number === 1)!;
    await expect(
      saveRevision({
        pageId,
        baseRevisionId: stale.id,
        authorId,
        summary: "late",
        text: "x",
        fields: fields("AS-unsafe"),
      }),
    ).rejects.toBeInstanceOf(EditConflictError);
    expect(await db.revision.count({ where: { pageId } })).toBe(page.revisions.length);
  });

  it("refuses invalid fields and writes nothing", async () => {
    const before = await db.revision.count({ where: { pageId } });
    const page = await db.page.findUniqueOrThrow({ where: { id: pageId } });
    await expect(
      saveRevision({
        pageId,
        baseRevisionId: page.currentRevisionId,
        authorId,
        summary: "",
        text: "",
        fields: { guarantee: "" },
      }),
    ).rejects.toThrow();
    expect(await db.revision.count({ where: { pageId } })).toBe(before);
  });

  it("lets exactly one of many concurrent saves on one base through; the others are reported conflicts", async () => {
    const page = await db.page.findUniqueOrThrow({ where: { id: pageId } });
    const before = await db.revision.count({ where: { pageId } });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        saveRevision({
          pageId,
          baseRevisionId: page.currentRevisionId,
          authorId,
          summary: `race ${i}`,
          text: `text ${i}`,
          fields: fields("unknown"),
        }),
      ),
    );
    const saved = results.filter((r) => r.status === "fulfilled");
    const conflicts = results.filter((r) => r.status === "rejected" && r.reason instanceof EditConflictError);
    expect(saved).toHaveLength(1);
    expect(conflicts).toHaveLength(19);
    expect(await db.revision.count({ where: { pageId } })).toBe(before + 1);
  });

  it("is append-only in the database itself", async () => {
    const revision = await db.revision.findFirstOrThrow({ where: { pageId } });
    await expect(db.$executeRaw`UPDATE revisions SET text = 'rewritten' WHERE id = ${revision.id}`).rejects.toThrow(
      /append-only/,
    );
    await expect(db.$executeRaw`DELETE FROM revisions WHERE id = ${revision.id}`).rejects.toThrow(/append-only/);
    await expect(db.revision.update({ where: { id: revision.id }, data: { summary: "changed" } })).rejects.toThrow(
      /append-only/,
    );
    expect((await db.revision.findUniqueOrThrow({ where: { id: revision.id } })).text).toBe(revision.text);
  });

  it("keeps one chain: a second revision with the same parent is refused by the database", async () => {
    const revision = await db.revision.findFirstOrThrow({ where: { pageId, number: 1 } });
    await expect(
      db.revision.create({
        data: { pageId, number: 99, parentId: revision.parentId ?? revision.id, authorId, fields: {}, size: 0 },
      }),
    ).rejects.toThrow();
  });

  it("syncs a needs list into needs rows, creating unknown functions as proposed", async () => {
    const page = await ensureNeedsPage(db, projectId);
    await saveRevision({
      pageId: page.id,
      baseRevisionId: null,
      authorId,
      summary: "needs",
      text: "",
      fields: {
        rows: [
          { function: "brand_new_fn", priority: "required", rationale: "why", context: "where" },
          { function: "testfn", priority: "convenient" },
        ],
      },
    });
    const needs = await db.need.findMany({
      where: { projectId },
      include: { function: true },
      orderBy: { position: "asc" },
    });
    expect(needs.map((n) => [n.function.name, n.priority, n.function.status])).toEqual([
      ["brand_new_fn", "required", "proposed"],
      ["testfn", "convenient", "proposed"],
    ]);
    const started = await db.page.findUnique({ where: { functionId: needs[0]!.functionId } });
    expect(started?.kind).toBe("proposal");
  });
});
