import { diffRowsHtml, type DiffView } from "@/lib/pages/diff-html";
import type { DiffRow } from "@/lib/pages/diff";

const HEADERS: Record<DiffView, string[]> = {
  side: ["Old line", "Old text", "New line", "New text"],
  inline: ["Old line", "New line", "Text"],
};

/**
 * A prose diff, side by side or inline; words changed within a line are
 * marked with <del> and <ins>. The rows are one escaped HTML string
 * (lib/pages/diff-html.ts): a long diff is thousands of rows, which as React
 * elements cost far more to render and to send. Server pages pass the string
 * from the cache of immutable revisions (`rowsHtml`).
 */
export function TextDiff({
  rows,
  view,
  expandHref,
  rowsHtml,
}: {
  rows: DiffRow[];
  view: DiffView;
  expandHref?: string;
  rowsHtml?: string;
}) {
  if (!rows.some((r) => r.kind === "change")) return <p className="muted">The text is the same.</p>;
  return (
    <table className={`diff-table ${view}`} data-testid="text-diff" data-view={view}>
      <thead className="sr-only">
        <tr>
          {HEADERS[view].map((header) => (
            <th key={header}>{header}</th>
          ))}
        </tr>
      </thead>
      <tbody dangerouslySetInnerHTML={{ __html: rowsHtml ?? diffRowsHtml(rows, view, expandHref) }} />
    </table>
  );
}
