import { diff3Merge } from "node-diff3";
import type { NeedRow, NeedsFields, ProposalFields } from "@/lib/pages/fields";
import type { FieldsMerge, PageKindDefinition } from "@/lib/pages/kinds/types";

/** One side of a three-way merge: a revision's prose and fields. */
export interface PageContent<F> {
  text: string;
  fields: F;
}

export type MergeResult<F> = { clean: true; content: PageContent<F> } | { clean: false; conflicts: string[] };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Three-way merge of prose by lines (MoinMoin and git merge the same way). */
export function mergeText(base: string, ours: string, theirs: string): { clean: boolean; text: string } {
  if (ours === base) return { clean: true, text: theirs };
  if (theirs === base || ours === theirs) return { clean: true, text: ours };
  const regions = diff3Merge(ours.split("\n"), base.split("\n"), theirs.split("\n"), { excludeFalseConflicts: true });
  if (regions.some((r) => r.conflict)) return { clean: false, text: ours };
  return { clean: true, text: regions.flatMap((r) => r.ok ?? []).join("\n") };
}

/** Merges one value: a side that left it alone takes the other side's change. */
function mergeValue<T>(
  base: T | undefined,
  ours: T | undefined,
  theirs: T | undefined,
): { clean: boolean; value: T | undefined } {
  if (same(ours, base)) return { clean: true, value: theirs };
  if (same(theirs, base) || same(ours, theirs)) return { clean: true, value: ours };
  return { clean: false, value: ours };
}

/** Proposal fields merge one by one. */
export function mergeProposalFields(
  base: ProposalFields,
  ours: ProposalFields,
  theirs: ProposalFields,
): FieldsMerge<ProposalFields> {
  const conflicts: string[] = [];
  const merged = { ...ours };
  for (const key of Object.keys(ours) as (keyof ProposalFields)[]) {
    const result = mergeValue(base[key], ours[key], theirs[key]);
    if (!result.clean) conflicts.push(`field ${key}`);
    else (merged as Record<string, unknown>)[key] = result.value;
  }
  return { fields: merged, conflicts };
}

/** Needs rows merge by function name; each row's fields merge on their own. */
export function mergeNeedsRows(base: NeedsFields, ours: NeedsFields, theirs: NeedsFields): FieldsMerge<NeedsFields> {
  const conflicts: string[] = [];
  const index = (rows: NeedRow[]) => new Map(rows.map((r) => [r.function, r]));
  const [b, o, t] = [index(base.rows), index(ours.rows), index(theirs.rows)];
  const order = [...theirs.rows.map((r) => r.function), ...ours.rows.map((r) => r.function).filter((n) => !t.has(n))];
  const rows: NeedRow[] = [];
  for (const name of new Set(order)) {
    const [rb, ro, rt] = [b.get(name), o.get(name), t.get(name)];
    if (!rb) {
      // Added on one side, or on both.
      if (ro && rt && !same(ro, rt)) conflicts.push(`row ${name} (added on both sides differently)`);
      rows.push((ro ?? rt)!);
      continue;
    }
    if (!ro || !rt) {
      // Removed on one side: a conflict only if the other side changed it.
      const kept = ro ?? rt;
      if (kept && !same(kept, rb)) conflicts.push(`row ${name} (removed on one side, changed on the other)`);
      continue;
    }
    const row = { ...ro };
    for (const key of Object.keys(ro) as (keyof NeedRow)[]) {
      const result = mergeValue(rb[key], ro[key], rt[key]);
      if (!result.clean) conflicts.push(`row ${name}: ${key}`);
      else (row as Record<string, unknown>)[key] = result.value;
    }
    rows.push(row);
  }
  return { fields: { rows }, conflicts };
}

/**
 * Merges an edit made on `base` with the change someone else saved meanwhile
 * (`theirs`). Prose merges by lines, fields as the page's kind merges them;
 * anything both sides changed differently is a conflict.
 */
export function mergeContent<F>(
  kind: Pick<PageKindDefinition<F, unknown>, "mergeFields">,
  base: PageContent<F>,
  ours: PageContent<F>,
  theirs: PageContent<F>,
): MergeResult<F> {
  const text = mergeText(base.text, ours.text, theirs.text);
  const fields = kind.mergeFields(base.fields, ours.fields, theirs.fields);
  const conflicts = [...(text.clean ? [] : ["text"]), ...fields.conflicts];
  return conflicts.length
    ? { clean: false, conflicts }
    : { clean: true, content: { text: text.text, fields: fields.fields } };
}
