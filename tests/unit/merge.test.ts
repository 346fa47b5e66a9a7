import { describe, expect, it } from "vitest";
import { kindOf } from "@/lib/pages/kinds";
import { mergeContent, mergeText } from "@/lib/pages/merge";
import type { NeedRow, ProposalFields } from "@/lib/pages/fields";

const proposal = (
  asSafety: ProposalFields["asSafety"],
  implementationKind: ProposalFields["implementationKind"] = "unknown",
): ProposalFields => ({
  guarantee: "Safe after fork.",
  implementationKind,
  implementationNote: "",
  asSafety,
});
const row = (fn: string, priority: NeedRow["priority"] = "required", context = ""): NeedRow => ({
  function: fn,
  priority,
  rationale: "",
  context,
});

describe("three-way merge", () => {
  it("merges prose edits to different lines", () => {
    const base = "one\ntwo\nthree\nfour";
    const result = mergeText(base, "ONE\ntwo\nthree\nfour", "one\ntwo\nthree\nFOUR");
    expect(result).toEqual({ clean: true, text: "ONE\ntwo\nthree\nFOUR" });
  });

  it("reports a conflict when both sides change the same line differently", () => {
    expect(mergeText("a\nb\nc", "a\nX\nc", "a\nY\nc").clean).toBe(false);
  });

  it("accepts the same change made on both sides", () => {
    expect(mergeText("a\nb", "a\nX", "a\nX")).toEqual({ clean: true, text: "a\nX" });
  });

  it("merges proposal fields one by one", () => {
    const base = { text: "t", fields: proposal("unknown", "unknown") };
    const ours = { text: "t", fields: proposal("AS-unsafe", "unknown") };
    const theirs = { text: "t", fields: proposal("unknown", "complex") };
    expect(mergeContent(kindOf("proposal"), base, ours, theirs)).toEqual({
      clean: true,
      content: { text: "t", fields: proposal("AS-unsafe", "complex") },
    });
    const clash = { text: "t", fields: proposal("AS-safe", "unknown") };
    expect(mergeContent(kindOf("proposal"), base, ours, clash)).toEqual({
      clean: false,
      conflicts: ["field asSafety"],
    });
  });

  it("merges needs rows by function", () => {
    const base = { text: "", fields: { rows: [row("mount"), row("setgroups")] } };
    const ours = { text: "", fields: { rows: [row("mount", "convenient"), row("setgroups"), row("prctl")] } };
    const theirs = {
      text: "",
      fields: { rows: [row("mount"), row("setgroups", "required", "only in user namespaces"), row("unshare")] },
    };
    const result = mergeContent(kindOf("needs"), base, ours, theirs);
    expect(result).toEqual({
      clean: true,
      content: {
        text: "",
        fields: {
          rows: [
            row("mount", "convenient"),
            row("setgroups", "required", "only in user namespaces"),
            row("unshare"),
            row("prctl"),
          ],
        },
      },
    });
  });

  it("reports a row removed on one side and changed on the other", () => {
    const base = { text: "", fields: { rows: [row("mount")] } };
    const ours = { text: "", fields: { rows: [] } };
    const theirs = { text: "", fields: { rows: [row("mount", "convenient")] } };
    expect(mergeContent(kindOf("needs"), base, ours, theirs)).toEqual({
      clean: false,
      conflicts: ["row mount (removed on one side, changed on the other)"],
    });
  });
});
