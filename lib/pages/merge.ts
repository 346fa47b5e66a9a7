import { diff3Merge } from "node-diff3";
import type { NeedRow, NeedsFields, ProposalFields } from "@/lib/pages/fields";
import type { PageFields } from "@/lib/pages/revisions";

/** One side of a three-way merge: a revision's prose and fields. */
export interface PageContent {
  text: string;
  fields: PageFields;
}

export type MergeResult = { clean: true; content: PageContent } | { clean: false; conflicts: string[] };

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

function mergeProposal(
  base: ProposalFields,
  ours: ProposalFields,
  theirs: ProposalFields,
  conflicts: string[],
): ProposalFields {
  const merged = { ...ours };
  for (const key of Object.keys(ours) as (keyof ProposalFields)[]) {
    const result = mergeValue(base[key], ours[key], theirs[key]);
    if (!result.clean) conflicts.push(`field ${key}`);
    else (merged as Record<string, unknown>)[key] = result.value;
  }
  return merged;
}

/** Needs rows merge by function name; each row's fields merge on their own. */
function mergeNeeds(base: NeedsFields, ours: NeedsFields, theirs: NeedsFields, conflicts: string[]): NeedsFields {
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
  return { rows };
}

/**
 * Merges an edit made on `base` with the change someone else saved meanwhile
 * (`theirs`). Prose merges by lines, fields one by one, needs rows by
 * function; anything both sides changed differently is a conflict.
 */
export function mergeContent(
  kind: "proposal" | "needs",
  base: PageContent,
  ours: PageContent,
  theirs: PageContent,
): MergeResult {
  const conflicts: string[] = [];
  const text = mergeText(base.text, ours.text, theirs.text);
  if (!text.clean) conflicts.push("text");
  const fields =
    kind === "proposal"
      ? mergeProposal(
          base.fields as ProposalFields,
          ours.fields as ProposalFields,
          theirs.fields as ProposalFields,
          conflicts,
        )
      : mergeNeeds(base.fields as NeedsFields, ours.fields as NeedsFields, theirs.fields as NeedsFields, conflicts);
  return conflicts.length ? { clean: false, conflicts } : { clean: true, content: { text: text.text, fields } };
}
