import { describe, expect, it } from "vitest";
import { diffNeeds, diffText } from "@/lib/pages/diff";

const lines = (n: number, change?: number) =>
  Array.from({ length: n }, (_, i) => (i === change ? `line ${i} changed here` : `line ${i}`)).join("\n");

describe("text diff", () => {
  it("pairs a changed line and marks the changed words", () => {
    const rows = diffText("a\nthe quick fox\nc", "a\nthe slow fox\nc");
    const change = rows.find((r) => r.kind === "change");
    expect(change).toMatchObject({ kind: "change", oldNo: 2, newNo: 2 });
    if (change?.kind !== "change") return;
    expect(change.old!.filter((s) => s.changed).map((s) => s.text)).toEqual(["quick"]);
    expect(change.new!.filter((s) => s.changed).map((s) => s.text)).toEqual(["slow"]);
  });

  it("collapses long unchanged runs, keeping three lines of context, unless asked not to", () => {
    const rows = diffText(lines(100), lines(100, 50));
    expect(rows.map((r) => r.kind)).toEqual([
      "collapsed",
      "same",
      "same",
      "same",
      "change",
      "same",
      "same",
      "same",
      "collapsed",
    ]);
    const collapsed = rows[0];
    expect(collapsed?.kind === "collapsed" && collapsed.lines.length).toBe(47);
    expect(diffText(lines(100), lines(100, 50), { collapse: false })).toHaveLength(100);
  });

  it("reports added and removed lines", () => {
    const rows = diffText("a\nb", "a\nb\nc");
    expect(rows.at(-1)).toMatchObject({ kind: "change", oldNo: null, newNo: 3, old: null });
  });
});

describe("needs diff", () => {
  it("sees a reordering without other changes", () => {
    const a = { function: "a", priority: "required" as const, rationale: "", context: "" };
    const b = { ...a, function: "b" };
    expect(diffNeeds({ rows: [a, b] }, { rows: [b, a] })).toEqual({
      added: [],
      removed: [],
      changed: [],
      reordered: true,
    });
  });
});
