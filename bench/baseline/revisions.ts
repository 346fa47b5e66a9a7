// History and diff: functionPageRef, listRevisions and compareRevisions (Prisma
// reads in the app) as hand-written statements, with the app's diffText and
// proposal field diff.
import { Prisma } from "../../lib/generated/prisma/client";
import { diffProposalFields, diffText, type DiffRow, type Segment } from "../../lib/pages/diff";
import { proposalFieldsSchema } from "../../lib/pages/fields";
import { rows } from "./db";
import { esc, fnPath, html, iso, NotFound, type Reply } from "./html";

const HISTORY_PAGE_SIZE = 50;

export async function history(name: string, search: URLSearchParams): Promise<Reply> {
  const before = Number(search.get("before"));
  const beforeCondition = Number.isInteger(before) && before > 0 ? Prisma.sql`AND r.number < ${before}` : Prisma.empty;
  const [[ref], found] = await Promise.all([
    rows<{ page_id: number; current_number: number | null }>(Prisma.sql`
      SELECT pg.id AS page_id, cr.number AS current_number
        FROM functions f JOIN pages pg ON pg.function_id = f.id
        LEFT JOIN revisions cr ON cr.id = pg.current_revision_id
       WHERE f.name = ${name}`),
    rows<{ id: number; number: number; summary: string; size: number; created_at: Date; author: string }>(Prisma.sql`
      SELECT r.id, r.number, r.summary, r.size, r.created_at, r.restored_from_id, u.id AS author_id, u.name AS author
        FROM revisions r JOIN pages pg ON pg.id = r.page_id JOIN functions f ON f.id = pg.function_id
        JOIN users u ON u.id = r.author_id
       WHERE f.name = ${name} ${beforeCondition}
       ORDER BY r.number DESC LIMIT ${HISTORY_PAGE_SIZE + 1}`),
  ]);
  if (!ref) throw new NotFound();
  // The same size changes as listRevisions.
  const list = found.slice(0, HISTORY_PAGE_SIZE);
  const older = found[HISTORY_PAGE_SIZE];
  const parentSize = older?.number === (list.at(-1)?.number ?? 0) - 1 ? older?.size : undefined;
  const current = ref.current_number ?? 0;
  const base = fnPath(name);
  const body = list
    .map((r, i) => {
      const previous = list[i + 1]?.size ?? (r.number === 1 ? 0 : parentSize);
      const change = previous === undefined ? "" : `${r.size - previous > 0 ? "+" : ""}${r.size - previous}`;
      const cur = r.number < current ? `<a href="${base}/diff?from=${r.number}&amp;to=${current}">cur</a>` : "cur";
      const prev = r.number > 1 ? `<a href="${base}/diff?from=${r.number - 1}&amp;to=${r.number}">prev</a>` : "prev";
      return (
        `<tr><td>${cur} | ${prev} ` +
        `<input type="radio" name="from" value="${r.number}"><input type="radio" name="to" value="${r.number}"></td>` +
        `<td><a href="${base}/revisions/${r.number}">Revision ${r.number}</a> ${iso(r.created_at)}</td>` +
        `<td>${esc(r.author)}</td><td>${change}</td><td>${esc(r.summary)}</td></tr>`
      );
    })
    .join("");
  return html(
    `History of ${name}`,
    `<h1>History of ${esc(name)}</h1><form action="${base}/diff"><table><tbody>${body}</tbody></table>` +
      `${older ? `<a href="${base}/history?before=${list.at(-1)!.number}">Older revisions</a>` : ""}</form>`,
  );
}

function segments(parts: Segment[] | null, mark: "del" | "ins"): string {
  return (parts ?? []).map((s) => (s.changed ? `<${mark}>${esc(s.text)}</${mark}>` : esc(s.text))).join("");
}

function diffRowHtml(row: DiffRow, expandHref: string): string {
  if (row.kind === "collapsed")
    return (
      `<tr><td colspan="4"><a href="${expandHref}">` +
      `Show ${row.lines.length} unchanged lines (from line ${row.oldNo})</a></td></tr>`
    );
  if (row.kind === "same")
    return `<tr><td>${row.oldNo}</td><td>${esc(row.text)}</td><td>${row.newNo}</td><td>${esc(row.text)}</td></tr>`;
  return (
    `<tr><td>${row.oldNo ?? ""}</td><td class="removed">${segments(row.old, "del")}</td>` +
    `<td>${row.newNo ?? ""}</td><td class="added">${segments(row.new, "ins")}</td></tr>`
  );
}

type RevisionRow = { number: number; summary: string; text: string; fields: unknown; created_at: Date; author: string };

export async function diff(name: string, search: URLSearchParams): Promise<Reply> {
  const positive = (value: string | null) => {
    const n = Number(value);
    return value !== null && Number.isInteger(n) && n > 0 ? n : null;
  };
  const revisions = (numbers: number[]) =>
    rows<RevisionRow>(Prisma.sql`
      SELECT r.number, r.summary, r.text, r.fields, r.created_at, u.id AS author_id, u.name AS author
        FROM revisions r JOIN pages pg ON pg.id = r.page_id JOIN functions f ON f.id = pg.function_id
        JOIN users u ON u.id = r.author_id
       WHERE f.name = ${name} AND r.number = ANY(${numbers}::int[])`);
  const between = (from: number, to: number) =>
    rows<{ author_id: number }>(Prisma.sql`
      SELECT r.author_id FROM revisions r JOIN pages pg ON pg.id = r.page_id JOIN functions f ON f.id = pg.function_id
       WHERE f.name = ${name} AND r.number > ${from} AND r.number < ${to}`);
  const refQuery = rows<{ current_number: number | null }>(Prisma.sql`
    SELECT cr.number AS current_number
      FROM functions f JOIN pages pg ON pg.function_id = f.id LEFT JOIN revisions cr ON cr.id = pg.current_revision_id
     WHERE f.name = ${name}`);
  // As DiffScreen: "to" defaults to the current revision, "from" to the one before "to".
  const plan = (current: number) => {
    const to = positive(search.get("to")) ?? current;
    const from = search.has("from") ? positive(search.get("from")) : to > 1 ? to - 1 : null;
    if (!to || (search.has("from") && from === null)) throw new NotFound();
    return from !== null && from > to ? ([to, from] as const) : ([from, to] as const);
  };
  const load = ([a, b]: readonly [number | null, number]) =>
    Promise.all([revisions(a === null ? [b] : [a, b]), a === null ? Promise.resolve([]) : between(a, b)]);
  // With "to" given, the revisions are read beside the page's current number, not after it.
  const early = positive(search.get("to")) !== null ? plan(0) : null;
  const [[ref], loaded] = await Promise.all([refQuery, early ? load(early) : null]);
  if (!ref) throw new NotFound();
  const [a, b] = early ?? plan(ref.current_number ?? 0);
  const [found, intermediate] = loaded ?? (await load([a, b]));
  const older = found.find((r) => r.number === a) ?? null;
  const newer = found.find((r) => r.number === b);
  if (!newer || (a !== null && !older)) throw new NotFound();
  const fields = (value: unknown) => proposalFieldsSchema.parse(value);
  const text = diffText(older?.text ?? "", newer.text, { collapse: true });
  const changes = diffProposalFields(older ? fields(older.fields) : null, fields(newer.fields));
  const base = fnPath(name);
  const expandHref = `${base}/diff?${a !== null ? `from=${a}&amp;` : ""}to=${b}&amp;view=side&amp;expand=1`;
  const side = (r: RevisionRow | null, label: string) =>
    r
      ? `<div><strong>${label}:</strong> <a href="${base}/revisions/${r.number}">Revision ${r.number}</a> ` +
        `by ${esc(r.author)}, ${iso(r.created_at)}<br>${esc(r.summary)}</div>`
      : `<div>${label}: empty page</div>`;
  const fieldItems = changes.map((c) => `<li>${esc(c.field)}: ${esc(c.from)} → ${esc(c.to)}</li>`);
  const authors = new Set(intermediate.map((r) => r.author_id)).size;
  const intermediateHtml = intermediate.length
    ? `<p>(${intermediate.length} intermediate revisions by ${authors} users not shown)</p>`
    : "";
  return html(
    `${name}: difference between revisions`,
    `<h1>${esc(name)}: difference between revisions</h1>${side(older, "Old")}${side(newer, "New")}` +
      `${intermediateHtml}<h2>Fields</h2><ul>${fieldItems.join("")}</ul>` +
      `<h2>Text</h2><table><tbody>${text.map((row) => diffRowHtml(row, expandHref)).join("")}</tbody></table>`,
  );
}
