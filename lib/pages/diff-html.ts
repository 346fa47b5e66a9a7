import escapeHtml from "escape-html";
import type { DiffRow, Segment } from "@/lib/pages/diff";

// The rows of a text diff as one HTML string, the same markup as
// components/diff/text-diff.tsx renders (tests/unit/diff-html.test.ts checks
// both give the same tree). Large diffs are cached as this string: one long
// string costs the server and the RSC payload far less than thousands of
// React elements.

export type DiffView = "side" | "inline";

const cell = (className: string, content = "") => `<td class="${className}">${content}</td>`;
const lineNo = (n: number | null | undefined) => cell("ln", n === null || n === undefined ? "" : String(n));

function segments(parts: Segment[], mark: "del" | "ins"): string {
  return parts
    .map((s) => (s.changed ? `<${mark}>${escapeHtml(s.text)}</${mark}>` : `<span>${escapeHtml(s.text)}</span>`))
    .join("");
}

function collapsed(row: Extract<DiffRow, { kind: "collapsed" }>, view: DiffView, expandHref?: string): string {
  const columns = view === "side" ? 4 : 3;
  const count = `${row.lines.length} unchanged lines (from line ${row.oldNo})`;
  if (expandHref) {
    const link = `<a href="${escapeHtml(expandHref)}">Show ${count}</a>`;
    return `<tr class="diff-collapsed"><td colspan="${columns}">${link}</td></tr>`;
  }
  const lines = row.lines
    .map((line) => {
      const code = cell("code", escapeHtml(line.text));
      return `<tr>${lineNo(line.oldNo)}${view === "side" ? code : ""}${lineNo(line.newNo)}${code}</tr>`;
    })
    .join("");
  return (
    `<tr class="diff-collapsed"><td colspan="${columns}"><details><summary>${count}</summary>` +
    `<table class="diff-table"><tbody>${lines}</tbody></table></details></td></tr>`
  );
}

function sideRow(row: Exclude<DiffRow, { kind: "collapsed" }>): string {
  if (row.kind === "same") {
    const code = cell("code", escapeHtml(row.text));
    return `<tr>${lineNo(row.oldNo)}${code}${lineNo(row.newNo)}${code}</tr>`;
  }
  const old = cell(`code ${row.old ? "removed" : "empty"}`, row.old ? segments(row.old, "del") : "");
  const added = cell(`code ${row.new ? "added" : "empty"}`, row.new ? segments(row.new, "ins") : "");
  return `<tr>${lineNo(row.oldNo)}${old}${lineNo(row.newNo)}${added}</tr>`;
}

function inlineRows(row: Exclude<DiffRow, { kind: "collapsed" }>): string {
  if (row.kind === "same")
    return `<tr>${lineNo(row.oldNo)}${lineNo(row.newNo)}${cell("code", escapeHtml(row.text))}</tr>`;
  const old = row.old
    ? `<tr>${lineNo(row.oldNo)}${cell("ln")}` +
      `${cell("code removed", `<span class="sr-only">removed: </span>${segments(row.old, "del")}`)}</tr>`
    : "";
  const added = row.new
    ? `<tr>${cell("ln")}${lineNo(row.newNo)}` +
      `${cell("code added", `<span class="sr-only">added: </span>${segments(row.new, "ins")}`)}</tr>`
    : "";
  return old + added;
}

/** The <tbody> content of a diff table. */
export function diffRowsHtml(rows: DiffRow[], view: DiffView, expandHref?: string): string {
  return rows
    .map((row) =>
      row.kind === "collapsed" ? collapsed(row, view, expandHref) : view === "side" ? sideRow(row) : inlineRows(row),
    )
    .join("");
}
