import { describe, expect, expectTypeOf, it } from "vitest";
import { db } from "@/lib/db";
import { DEFAULT_GUARANTEE, type NeedRow, type NeedsFields, type ProposalFields } from "@/lib/pages/fields";
import { editPermissionOf, kindOf, onSave } from "@/lib/pages/kinds";

const proposal = (patch: Partial<ProposalFields> = {}): ProposalFields => ({
  guarantee: DEFAULT_GUARANTEE,
  implementationKind: "unknown",
  implementationNote: "",
  asSafety: "unknown",
  ...patch,
});
const row = (fn: string, patch: Partial<NeedRow> = {}): NeedRow => ({
  function: fn,
  priority: "required",
  rationale: "",
  context: "",
  ...patch,
});

describe("the page-kind registry", () => {
  it("parses each kind's stored fields into its own type, with the schema's defaults", () => {
    const fields = kindOf("proposal").parseFields({
      guarantee: " g ",
      implementationKind: "complex",
      asSafety: "AS-safe",
    });
    expectTypeOf(fields).toEqualTypeOf<ProposalFields>();
    expect(fields).toEqual({
      guarantee: "g",
      implementationKind: "complex",
      implementationNote: "",
      asSafety: "AS-safe",
    });
    const needs = kindOf("needs").parseFields({ rows: [{ function: "mount", priority: "convenient" }] });
    expectTypeOf(needs).toEqualTypeOf<NeedsFields>();
    expect(needs.rows).toEqual([row("mount", { priority: "convenient" })]);
    expect(() => kindOf("needs").parseFields({ rows: [row("mount"), row("mount")] })).toThrow(/listed twice/);
  });

  it("merges proposal fields one by one, and reports a field both sides changed differently", () => {
    const { mergeFields } = kindOf("proposal");
    const base = proposal();
    expect(mergeFields(base, proposal({ asSafety: "AS-unsafe" }), proposal({ implementationKind: "complex" }))).toEqual(
      {
        fields: proposal({ asSafety: "AS-unsafe", implementationKind: "complex" }),
        conflicts: [],
      },
    );
    expect(mergeFields(base, proposal({ asSafety: "AS-unsafe" }), proposal({ asSafety: "AS-safe" })).conflicts).toEqual(
      ["field asSafety"],
    );
  });

  it("merges needs rows by function: additions on both sides, a change beside a removal", () => {
    const { mergeFields } = kindOf("needs");
    const base = { rows: [row("mount"), row("setgroups"), row("prctl")] };
    const ours = { rows: [row("mount", { priority: "convenient" }), row("setgroups"), row("prctl"), row("unshare")] };
    const theirs = { rows: [row("mount"), row("setgroups"), row("umount2")] };
    expect(mergeFields(base, ours, theirs)).toEqual({
      fields: { rows: [row("mount", { priority: "convenient" }), row("setgroups"), row("umount2"), row("unshare")] },
      conflicts: [],
    });
    const changedRemoved = mergeFields(
      base,
      { rows: [row("mount"), row("setgroups")] },
      {
        rows: [row("mount"), row("setgroups"), row("prctl", { context: "PR_SET_PDEATHSIG" })],
      },
    );
    expect(changedRemoved.conflicts).toEqual(["row prctl (removed on one side, changed on the other)"]);
  });

  it("diffs each kind's fields with its own labels", () => {
    expect(
      kindOf("proposal").diffFields(proposal(), proposal({ asSafety: "AS-unsafe", implementationNote: "pure" })),
    ).toEqual({
      kind: "proposal",
      changes: [
        { field: "Implementation note", from: "", to: "pure" },
        { field: "AS-safety", from: "unknown", to: "AS-unsafe" },
      ],
    });
    expect(
      kindOf("needs").diffFields({ rows: [row("mount")] }, { rows: [row("mount", { priority: "convenient" })] }),
    ).toEqual({
      kind: "needs",
      needs: {
        added: [],
        removed: [],
        changed: [{ function: "mount", changes: [{ field: "priority", from: "required", to: "convenient" }] }],
        reordered: false,
      },
    });
    expect(kindOf("proposal").diffFields(null, proposal())).toEqual({
      kind: "proposal",
      changes: [
        { field: "Guarantee", from: "", to: DEFAULT_GUARANTEE },
        { field: "Implementation", from: "", to: "unknown" },
        { field: "AS-safety", from: "", to: "unknown" },
      ],
    });
  });

  it("names each kind's edit permission, address and catalog names", () => {
    expect(editPermissionOf({ kind: "proposal", projectId: null })).toEqual({ action: "proposal.suggest" });
    expect(editPermissionOf({ kind: "needs", projectId: 7 })).toEqual({ action: "needs.edit", projectId: 7 });
    expect(kindOf("proposal").address({ name: "a b" })).toEqual({
      title: "a b",
      nameInProse: "the proposal for a b",
      basePath: "/functions/a%20b",
    });
    expect(kindOf("needs").address({ slug: "linted", name: "linted" }).basePath).toBe("/projects/linted");
    expect(kindOf("needs").catalogNames({ rows: [row("mount"), row("prctl")] })).toEqual(["mount", "prctl"]);
    expect(kindOf("proposal").catalogNames(proposal())).toEqual([]);
  });

  it("refuses to save a needs page until its after-save step is registered, then runs it", async () => {
    // The client connects on first use, which the hook under test never makes.
    const tx = db;
    const page = { id: 1, functionId: null, projectId: 2 };
    await expect(kindOf("needs").afterSave(tx, page, { rows: [] })).rejects.toThrow(
      /Nothing is registered to run after saving a needs page/,
    );
    const seen: number[] = [];
    onSave("needs", async (_tx, saved, fields) => {
      seen.push(saved.projectId!, fields.rows.length);
    });
    await kindOf("needs").afterSave(tx, page, { rows: [row("mount")] });
    expect(seen).toEqual([2, 1]);
  });
});
