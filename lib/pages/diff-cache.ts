import { diffText, type DiffRow } from "@/lib/pages/diff";
import { diffRowsHtml, type DiffView } from "@/lib/pages/diff-html";
import { ImmutableCache, renderCacheBytes, stringSize } from "@/lib/server/render/immutable-cache";

// The diff of two revisions depends on nothing but them, so it is computed
// once (and its table built once per layout) and shared by every page and
// user. Callers must treat the rows as read-only: they are shared.

/** Bump when diffText or diffRowsHtml change what they make. */
const DIFF_VERSION = 1;

/** A diff row holds a line or two of text and its numbers: about this much memory. */
const ROW_BYTES = 240;

const rows = new ImmutableCache<DiffRow[]>(renderCacheBytes(), DIFF_VERSION, (list) => list.length * ROW_BYTES);
const tables = new ImmutableCache(renderCacheBytes(), DIFF_VERSION, stringSize);

type Side = { id: number; text: string };

const pairKey = (from: Side | null, to: Side) => `${from?.id ?? "empty"}→${to.id}`;

/** The line diff from one revision's text to another's (`from` null: an empty page). */
export function revisionTextDiff(from: Side | null, to: Side, options: { collapse: boolean }): DiffRow[] {
  return rows.get(`${pairKey(from, to)}:${options.collapse ? "collapsed" : "full"}`, () =>
    diffText(from?.text ?? "", to.text, { collapse: options.collapse }),
  );
}

/**
 * The rows of that diff's table as HTML, for <TextDiff rowsHtml>. Server
 * pages collapse unchanged runs exactly when they offer `expandHref`, so the
 * link also tells which rows the comparison holds.
 */
export function revisionDiffRowsHtml(
  comparison: { from: Side | null; to: Side; text: DiffRow[] },
  view: DiffView,
  expandHref?: string,
): string {
  const key = `${pairKey(comparison.from, comparison.to)}:${view}:${expandHref ?? "full"}`;
  return tables.get(key, () => diffRowsHtml(comparison.text, view, expandHref));
}
