import { diffArrays, diffWordsWithSpace } from "diff";
import type { NeedRow, NeedsFields, ProposalFields } from "@/lib/pages/fields";

/** A piece of a line: unchanged, or changed (removed on the old side, added on the new). */
export interface Segment {
  text: string;
  changed: boolean;
}

export type DiffRow =
  | { kind: "same"; oldNo: number; newNo: number; text: string }
  | { kind: "change"; oldNo: number | null; newNo: number | null; old: Segment[] | null; new: Segment[] | null }
  | { kind: "collapsed"; oldNo: number; newNo: number; lines: { oldNo: number; newNo: number; text: string }[] };

const CONTEXT = 3;

function splitLines(text: string): string[] {
  return text === "" ? [] : text.replace(/\r\n/g, "\n").split("\n");
}

/** Word-level pieces of a changed line pair. */
function wordSegments(oldLine: string, newLine: string): { old: Segment[]; new: Segment[] } {
  const parts = diffWordsWithSpace(oldLine, newLine);
  return {
    old: parts.filter((p) => !p.added).map((p) => ({ text: p.value, changed: p.removed })),
    new: parts.filter((p) => !p.removed).map((p) => ({ text: p.value, changed: p.added })),
  };
}

/**
 * Line diff of two texts for side-by-side and inline views: removed and added
 * lines are paired so that changes inside a line are highlighted word by word,
 * and runs of unchanged lines longer than the context are collapsed.
 */
export function diffText(oldText: string, newText: string, options: { collapse?: boolean } = {}): DiffRow[] {
  const changes = diffArrays(splitLines(oldText), splitLines(newText));
  const rows: DiffRow[] = [];
  let oldNo = 1;
  let newNo = 1;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    if (!change.added && !change.removed) {
      for (const line of change.value) rows.push({ kind: "same", oldNo: oldNo++, newNo: newNo++, text: line });
      continue;
    }
    const removed = change.removed ? change.value : [];
    const next = changes[i + 1];
    const added = change.added ? change.value : next?.added ? next.value : [];
    if (change.removed && next?.added) i++;
    for (let k = 0; k < Math.max(removed.length, added.length); k++) {
      const o = removed[k];
      const n = added[k];
      if (o !== undefined && n !== undefined) {
        const words = wordSegments(o, n);
        rows.push({ kind: "change", oldNo: oldNo++, newNo: newNo++, old: words.old, new: words.new });
      } else if (o !== undefined) {
        rows.push({ kind: "change", oldNo: oldNo++, newNo: null, old: [{ text: o, changed: true }], new: null });
      } else {
        rows.push({ kind: "change", oldNo: null, newNo: newNo++, old: null, new: [{ text: n!, changed: true }] });
      }
    }
  }
  return options.collapse === false ? rows : collapse(rows);
}

function collapse(rows: DiffRow[]): DiffRow[] {
  const out: DiffRow[] = [];
  let run: Extract<DiffRow, { kind: "same" }>[] = [];
  const flush = (atStart: boolean, atEnd: boolean) => {
    const keepBefore = atStart ? 0 : CONTEXT;
    const keepAfter = atEnd ? 0 : CONTEXT;
    if (run.length > keepBefore + keepAfter + 2) {
      out.push(...run.slice(0, keepBefore));
      const hidden = run.slice(keepBefore, run.length - keepAfter);
      out.push({
        kind: "collapsed",
        oldNo: hidden[0]!.oldNo,
        newNo: hidden[0]!.newNo,
        lines: hidden.map(({ oldNo, newNo, text }) => ({ oldNo, newNo, text })),
      });
      out.push(...run.slice(run.length - keepAfter));
    } else {
      out.push(...run);
    }
    run = [];
  };
  rows.forEach((row) => {
    if (row.kind === "same") run.push(row);
    else {
      flush(out.length === 0, false);
      out.push(row);
    }
  });
  flush(out.length === 0, true);
  return out;
}

export interface FieldChange {
  field: string;
  from: string;
  to: string;
}

const PROPOSAL_LABELS: Record<keyof ProposalFields, string> = {
  guarantee: "Guarantee",
  implementationKind: "Implementation",
  implementationNote: "Implementation note",
  asSafety: "AS-safety",
};

/** Proposal fields that differ, e.g. "AS-safety: unknown → AS-unsafe". */
export function diffProposalFields(from: ProposalFields | null, to: ProposalFields): FieldChange[] {
  return (Object.keys(PROPOSAL_LABELS) as (keyof ProposalFields)[])
    .filter((key) => (from?.[key] ?? "") !== to[key])
    .map((key) => ({ field: PROPOSAL_LABELS[key], from: from?.[key] ?? "", to: to[key] }));
}

export interface NeedsDiff {
  added: NeedRow[];
  removed: NeedRow[];
  changed: { function: string; changes: FieldChange[] }[];
  reordered: boolean;
}

const ROW_LABELS: Record<Exclude<keyof NeedRow, "function">, string> = {
  priority: "priority",
  context: "context",
  rationale: "rationale",
};

/** Needs lists compared as rows: added, removed, and per-row field changes. */
export function diffNeeds(from: NeedsFields | null, to: NeedsFields): NeedsDiff {
  const before = new Map((from?.rows ?? []).map((r) => [r.function, r]));
  const after = new Map(to.rows.map((r) => [r.function, r]));
  const changed: NeedsDiff["changed"] = [];
  for (const row of to.rows) {
    const old = before.get(row.function);
    if (!old) continue;
    const changes = (Object.keys(ROW_LABELS) as (keyof typeof ROW_LABELS)[])
      .filter((key) => old[key] !== row[key])
      .map((key) => ({ field: ROW_LABELS[key], from: old[key], to: row[key] }));
    if (changes.length) changed.push({ function: row.function, changes });
  }
  const keptOld = (from?.rows ?? []).filter((r) => after.has(r.function)).map((r) => r.function);
  const keptNew = to.rows.filter((r) => before.has(r.function)).map((r) => r.function);
  return {
    added: to.rows.filter((r) => !before.has(r.function)),
    removed: (from?.rows ?? []).filter((r) => !after.has(r.function)),
    changed,
    reordered: keptOld.join("\n") !== keptNew.join("\n"),
  };
}

export type FieldsDiff = { kind: "proposal"; changes: FieldChange[] } | { kind: "needs"; needs: NeedsDiff };
