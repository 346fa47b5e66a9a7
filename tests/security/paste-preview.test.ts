import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/permissions";

// Item 2: previewPasteAction took 50,000 characters of any number of names,
// compared each unknown one with the whole catalog, and ran a quote-stripping
// regex that backtracks quadratically over a paste of blank lines.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", async (original) => ({
  ...(await original<typeof import("@/lib/auth/session")>()),
  currentActor: async () => session.actor,
}));

const { db } = await import("@/lib/db");
const { previewPasteAction } = await import("@/lib/projects/actions");
const { readPaste, MAX_PASTED_NAMES } = await import("@/lib/projects/paste");

let projectId = 0;

beforeAll(async () => {
  const project = await db.project.create({ data: { slug: "paste-p", name: "Paste P" } });
  projectId = project.id;
  const rep = await db.user.create({ data: { email: "rep-paste@example.org", name: "Rep", role: "representative" } });
  await db.projectRepresentative.create({ data: { userId: rep.id, projectId } });
  session.actor = { id: rep.id, role: "representative", name: "Rep", projectIds: [projectId], emailVerified: true };
  await db.function.createMany({ data: Array.from({ length: 300 }, (_, i) => ({ name: `catalog_fn_${i}` })) });
});

const madeUp = (n: number) => Array.from({ length: n }, (_, i) => `made_up_name_${i}`).join("\n");

describe("previewing pasted names", () => {
  it(`refuses more than ${MAX_PASTED_NAMES} names`, async () => {
    const preview = await previewPasteAction({ projectId, text: madeUp(MAX_PASTED_NAMES + 1), priority: "required" });
    expect(preview.error).toBe(`Paste at most ${MAX_PASTED_NAMES} names at a time.`);
    expect(preview.unknown).toEqual([]);
  });

  it(`previews ${MAX_PASTED_NAMES} names`, async () => {
    const preview = await previewPasteAction({ projectId, text: madeUp(MAX_PASTED_NAMES), priority: "required" });
    expect(preview.error).toBeUndefined();
    expect(preview.unknown).toHaveLength(MAX_PASTED_NAMES);
  });

  it("reads the largest paste of blank lines, nested parentheses or one long word in linear time", () => {
    for (const text of ["\n".repeat(50_000), " \n".repeat(25_000), `${"(".repeat(25_000)}a${")".repeat(24_999)}`]) {
      const started = performance.now();
      readPaste(text, () => true);
      expect(performance.now() - started, JSON.stringify(text.slice(0, 10))).toBeLessThan(250);
    }
    expect(readPaste(`${"x".repeat(50_000)} and mount`, (name) => name === "mount").names).toEqual([
      { function: "mount", context: "" },
    ]);
    for (const text of [`${"x".repeat(50_000)}(`, `${"`x".repeat(25_000)}`, `${">".repeat(50_000)}`]) {
      const started = performance.now();
      readPaste(text, () => true);
      expect(performance.now() - started, JSON.stringify(text.slice(0, 10))).toBeLessThan(250);
    }
  });
});
