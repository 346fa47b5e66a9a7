import escapeHtml from "escape-html";
import type { MatrixRow } from "@/lib/projects/matrix";

const LETTER = { required: "R", convenient: "C", "can-work-around": "W" } as const;

/** What the child runs by the normal route: "lock malloc", "none" (analysed, nothing reached) or "—". */
function reachCell(reach: string[] | null): string {
  if (!reach) return "—";
  return reach.length ? escapeHtml(reach.join(" ")) : "none";
}

/**
 * The matrix's rows as HTML. The table is thousands of cells with nothing
 * interactive in them, and rendering each as a React element (and shipping
 * it again in the page's React payload) cost most of the page's time; one
 * string does neither. Every value is escaped. Cells leave out their end
 * tags, which HTML makes optional (the next <td>, <tr> or </tbody> closes
 * them): the payload spells each < and > as six characters, and the empty
 * cells alone took ~100 KB of a 100-row page.
 */
export function matrixRowsHtml(rows: MatrixRow[], projects: { id: number; slug: string; name: string }[]): string {
  const out: string[] = [];
  for (const row of rows) {
    const name = escapeHtml(row.name);
    out.push(
      `<tr data-function="${name}"><th scope="row" class="fn">` +
        `<a href="/functions/${escapeHtml(encodeURIComponent(row.name))}" class="mono">${name}</a></th>`,
      `<td data-col="needed">${row.neededBy}</td><td class="small">${escapeHtml(row.status)}</td>`,
      `<td class="small">${row.glibcAs ? `AS-${escapeHtml(row.glibcAs)}` : "—"}</td>` +
        `<td class="small">${row.posix ? escapeHtml(row.posix) : "—"}</td>` +
        `<td class="small" data-col="reach">${reachCell(row.reach)}</td>`,
    );
    for (const p of projects) {
      const priority = row.cells[p.id];
      if (!priority) {
        out.push("<td>");
        continue;
      }
      // Screen readers announce the column's project with the cell, so the hidden text names only the priority.
      out.push(
        `<td class="cell-${priority}" data-project="${escapeHtml(p.slug)}" ` +
          `title="${escapeHtml(p.name)}: ${priority}">${LETTER[priority]}<span class="sr-only"> ${priority}</span>`,
      );
    }
  }
  return out.join("");
}
