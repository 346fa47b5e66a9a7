// The benchmark's bare baseline: node:http and pg, no framework, no React, no
// Prisma. For each measured page it runs the queries the app runs (the app's
// raw SQL as it is; each Prisma call as one hand-written statement over the
// same tables, joins, order and limits) and writes the same rows as minimal
// HTML (JSON for the API list, the same Markdown text for /export.md). What
// the app's pages cost beyond this is the framework, the ORM and rendering.
//
// Run by bench/run.ts as its own process: `node --import tsx bench/baseline.ts`
// with DATABASE_URL and BASELINE_PORT set.
import http from "node:http";
import pg from "pg";
import { encodeCursor } from "../lib/server/api/cursor";
import { functionsQuerySchema } from "../lib/server/api/schemas";
import { DISAGREEING_PAIRS } from "../lib/evidence/agreement";
import { exportDataQuery, exportDataset, type ExportRow } from "../lib/export/data";
import { renderExport } from "../lib/export/markdown";
import { parseExportQuery } from "../lib/export/schema";
import { CATALOG_PAGE_SIZE, catalogQuerySchema, parseCatalogQuery, type CatalogQuery } from "../lib/functions/schema";
import { diffFields, diffText, type DiffRow, type Segment } from "../lib/pages/diff";
import { proposalFieldsSchema, type PriorityName } from "../lib/pages/fields";
import { MATRIX_PAGE_SIZE, matrixQuerySchema } from "../lib/projects/matrix-schema";
import { parseRecentQuery, RECENT_PAGE_SIZE, type RecentQuery } from "../lib/recent/schema";

// ---------------------------------------------------------------------------
// A tagged template for parameterised SQL that nests, like Prisma.sql.

class Sql {
  constructor(
    readonly parts: readonly string[],
    readonly values: readonly unknown[],
  ) {}
}

function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return new Sql([...strings], values);
}

const EMPTY = new Sql([""], []);

function join(items: Sql[], separator: string): Sql {
  return items.length ? new Sql(["", ...Array<string>(items.length - 1).fill(separator), ""], items) : EMPTY;
}

function compile(query: Sql): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const walk = (q: Sql): string =>
    q.parts.reduce((text, part, i) => {
      if (i === 0) return part;
      const value = q.values[i - 1];
      const rendered = value instanceof Sql ? walk(value) : `$${values.push(value)}`;
      return text + rendered + part;
    }, "");
  return { text: walk(query), values };
}

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

async function rows<T>(query: Sql): Promise<T[]> {
  const { text, values } = compile(query);
  return (await pool.query(text, values)).rows as T[];
}

// ---------------------------------------------------------------------------
// Minimal HTML.

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (value: unknown) => String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]!);
const iso = (date: Date | null) => (date ? date.toISOString().slice(0, 16).replace("T", " ") : "");
const fnPath = (name: string) => `/functions/${encodeURIComponent(name)}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} · Afterfork</title><link rel="stylesheet" href="/style.css"></head><body><main>${body}</main></body></html>`;
}

class NotFound extends Error {}

type Reply = { type: string; body: string; status?: number };
const html = (title: string, body: string): Reply => ({ type: "text/html; charset=utf-8", body: page(title, body) });

// ---------------------------------------------------------------------------
// Catalog (lib/functions/catalog.ts): the same FROM, conditions and order.

const FROM = sql`FROM functions f
  LEFT JOIN glibc_annotations g ON g.id = f.glibc_annotation_id
  LEFT JOIN posix_entries p ON p.id = f.posix_entry_id
  LEFT JOIN implementation_evidence e ON e.id = f.evidence_id`;

type Dimension = "status" | "as" | "posix" | "need" | "kind" | "disagrees";

const DISAGREES = sql`(f.estimate_kind, e.kind) IN (${join(
  DISAGREEING_PAIRS.map(([estimate, kind]) => sql`(${estimate}, ${kind})`),
  ", ",
)})`;
const like = (text: string) => text.replace(/[\\%_]/g, "\\$&");

function needCondition(query: Pick<CatalogQuery, "project" | "priority">, alias: Sql): Sql[] {
  const out: Sql[] = [];
  if (query.project) out.push(sql`${alias}.project_id = (SELECT id FROM projects WHERE slug = ${query.project})`);
  if (query.priority) out.push(sql`${alias}.priority = ${query.priority}::"Priority"`);
  return out;
}

function conditions(query: CatalogQuery, except?: Dimension): Sql {
  const all: Sql[] = [sql`TRUE`];
  if (query.q) all.push(sql`f.name ILIKE ${`%${like(query.q)}%`}`);
  if (query.status && except !== "status") all.push(sql`f.status = ${query.status}::"FunctionStatus"`);
  if (query.as && except !== "as")
    all.push(
      query.as === "undocumented"
        ? sql`g.id IS NULL`
        : sql`g."as" = ${query.as === "safe" ? "Safe" : "Unsafe"}::"Safety"`,
    );
  if (query.posix && except !== "posix")
    all.push(query.posix === "not-listed" ? sql`p.id IS NULL` : sql`p.status = ${query.posix}::"PosixStatus"`);
  if (query.kind && except !== "kind")
    all.push(query.kind === "none" ? sql`e.id IS NULL` : sql`e.kind = ${query.kind}`);
  if (query.disagrees && except !== "disagrees") all.push(DISAGREES);
  const need = needCondition(query, sql`n`);
  if (need.length && except !== "need")
    all.push(sql`EXISTS (SELECT 1 FROM needs n WHERE n.function_id = f.id AND ${join(need, " AND ")})`);
  return join(all, " AND ");
}

function order(query: CatalogQuery): Sql {
  const prefix = query.q ? sql`(f.name ILIKE ${`${like(query.q)}%`}) DESC, ` : EMPTY;
  if (query.sort === "needed")
    return sql`ORDER BY (SELECT count(*) FROM needs n WHERE n.function_id = f.id) DESC, ${prefix}f.name`;
  if (query.sort === "changed") return sql`ORDER BY f.updated_at DESC, f.name`;
  return sql`ORDER BY ${prefix}f.name`;
}

type Count = { key: string | null; n: string };

function facets(query: CatalogQuery): Promise<Count[][]> {
  const needJoinFilter = (q: Pick<CatalogQuery, "project" | "priority">) => {
    const c = needCondition(q, sql`n`);
    return c.length ? sql`AND ${join(c, " AND ")}` : EMPTY;
  };
  return Promise.all([
    rows<Count>(
      sql`SELECT f.status::text AS key, count(*) AS n ${FROM} WHERE ${conditions(query, "status")} GROUP BY 1`,
    ),
    rows<Count>(sql`SELECT CASE WHEN g.id IS NULL THEN 'undocumented' WHEN g."as" = 'Safe' THEN 'safe' ELSE 'unsafe' END AS key, count(*) AS n
      ${FROM} WHERE ${conditions(query, "as")} GROUP BY 1`),
    rows<Count>(sql`SELECT CASE WHEN p.id IS NULL THEN 'not-listed' ELSE p.status::text END AS key, count(*) AS n
      ${FROM} WHERE ${conditions(query, "posix")} GROUP BY 1`),
    rows<Count>(sql`SELECT pr.slug AS key, count(DISTINCT f.id) AS n ${FROM}
      JOIN needs n ON n.function_id = f.id ${needJoinFilter({ priority: query.priority })} JOIN projects pr ON pr.id = n.project_id
      WHERE ${conditions(query, "need")} GROUP BY 1`),
    rows<Count>(sql`SELECT n.priority::text AS key, count(DISTINCT f.id) AS n ${FROM}
      JOIN needs n ON n.function_id = f.id ${needJoinFilter({ project: query.project })}
      WHERE ${conditions(query, "need")} GROUP BY 1`),
    rows<Count>(
      sql`SELECT COALESCE(e.kind, 'none') AS key, count(*) AS n ${FROM} WHERE ${conditions(query, "kind")} GROUP BY 1`,
    ),
    rows<Count>(sql`SELECT '1' AS key, count(*) AS n ${FROM} WHERE ${conditions(query, "disagrees")} AND ${DISAGREES}`),
  ]);
}

/** listProjects (lib/projects/data.ts): every project with its counts of needs and representatives. */
function listProjects() {
  return rows<{ id: number; slug: string; name: string; needs: string; representatives: string }>(sql`
    SELECT pr.id, pr.slug, pr.name, pr.homepage, pr.description, pr.caveats, pr.created_at,
           COALESCE(n.count, 0) AS needs, COALESCE(r.count, 0) AS representatives
      FROM projects pr
      LEFT JOIN (SELECT project_id, count(*) FROM needs GROUP BY project_id) n ON n.project_id = pr.id
      LEFT JOIN (SELECT project_id, count(*) FROM project_representatives GROUP BY project_id) r ON r.project_id = pr.id
     ORDER BY pr.name`);
}

interface CatalogRow {
  id: number;
  name: string;
  status: string;
  estimate_kind: string | null;
  estimate_as_safety: string | null;
  glibc_as: string | null;
  posix: string | null;
  needs: { slug: string; name: string; priority: string }[] | null;
}

async function catalog(search: URLSearchParams): Promise<Reply> {
  const query = parseCatalogQuery(Object.fromEntries(search));
  const listing = (async () => {
    const [ids, counted] = await Promise.all([
      rows<{ id: number }>(sql`SELECT f.id ${FROM} WHERE ${conditions(query)} ${order(query)}
        LIMIT ${CATALOG_PAGE_SIZE} OFFSET ${(query.page - 1) * CATALOG_PAGE_SIZE}`),
      rows<{ n: string }>(sql`SELECT count(*) AS n ${FROM} WHERE ${conditions(query)}`),
    ]);
    const found = await rows<CatalogRow>(sql`
      SELECT f.id, f.name, f.status::text AS status, f.estimate_kind, f.estimate_as_safety, f.updated_at,
             g.mt::text AS mt, g."as"::text AS glibc_as, g.ac::text AS ac, pe.status::text AS posix,
             (SELECT json_agg(json_build_object('slug', pr.slug, 'name', pr.name, 'priority', n.priority) ORDER BY pr.name)
                FROM needs n JOIN projects pr ON pr.id = n.project_id WHERE n.function_id = f.id) AS needs
        FROM functions f
        LEFT JOIN glibc_annotations g ON g.id = f.glibc_annotation_id
        LEFT JOIN posix_entries pe ON pe.id = f.posix_entry_id
       WHERE f.id = ANY(${ids.map((r) => r.id)}::int[])`);
    const byId = new Map(found.map((r) => [r.id, r]));
    return { total: Number(counted[0]?.n ?? 0), rows: ids.map((r) => byId.get(r.id)!) };
  })();
  const [{ total, rows: list }, projects, counts] = await Promise.all([listing, listProjects(), facets(query)]);
  const names = ["status", "as", "posix", "project", "priority", "kind", "disagrees"];
  const facetHtml = counts
    .map(
      (c, i) =>
        `<select name="${names[i]}"><option value="">any</option>${c.map((r) => `<option value="${esc(r.key)}">${esc(r.key)} (${r.n})</option>`).join("")}</select>`,
    )
    .join("");
  const projectOptions = projects.map((p) => `<option value="${esc(p.slug)}">${esc(p.name)}</option>`).join("");
  const body = list
    .map(
      (fn) =>
        `<tr><td><a href="${fnPath(fn.name)}">${esc(fn.name)}</a></td><td>${esc(fn.status)}</td><td>${esc(fn.estimate_kind)} ${esc(fn.estimate_as_safety)}</td>` +
        `<td>${esc(fn.glibc_as)}</td><td>${esc(fn.posix ?? "not listed")}</td><td>${(fn.needs ?? [])
          .map((n) => `<a href="/projects/${esc(n.slug)}">${esc(n.name)}</a> ${esc(n.priority)} `)
          .join("")}</td></tr>`,
    )
    .join("");
  const pages = Math.max(1, Math.ceil(total / CATALOG_PAGE_SIZE));
  return html(
    "Functions",
    `<h1>Functions</h1><form>${facetHtml}<select name="project">${projectOptions}</select></form><p>${total} functions — page ${query.page} of ${pages}</p>` +
      `<table><thead><tr><th>Name</th><th>Status</th><th>Estimate</th><th>glibc manual</th><th>POSIX</th><th>Needed by</th></tr></thead><tbody>${body}</tbody></table>`,
  );
}

// ---------------------------------------------------------------------------
// Function page (getFunctionPage, getFunctionEvidence, commentThread).

interface FunctionPageRow {
  id: number;
  name: string;
  status: string;
  g_id: number | null;
  g_mt: string | null;
  g_as: string | null;
  g_ac: string | null;
  g_texi_file: string | null;
  g_line: number | null;
  g_source: string | null;
  pe_id: number | null;
  pe_status: string | null;
  pe_note: string | null;
  pe_remark: string | null;
  pe_source: string | null;
  page_id: number | null;
  cur_id: number | null;
  cur_number: number | null;
  cur_summary: string | null;
  cur_text: string | null;
  cur_fields: unknown;
  cur_at: Date | null;
  cur_author: string | null;
  agr_id: number | null;
  agr_number: number | null;
  agr_summary: string | null;
  agr_text: string | null;
  agr_fields: unknown;
  agr_at: Date | null;
  agr_author: string | null;
}

async function functionPage(name: string, search: URLSearchParams): Promise<Reply> {
  const [[fn], glibcHistory, posixHistory, needs, evidence, comments] = await Promise.all([
    rows<FunctionPageRow>(sql`
      SELECT f.id, f.name, f.status::text AS status,
             g.id AS g_id, g.mt::text AS g_mt, g."as"::text AS g_as, g.ac::text AS g_ac, g.mt_notes, g.as_notes, g.ac_notes, g.preliminary,
             g.declared_as, g.texi_file AS g_texi_file, g.line AS g_line, gi.source AS g_source, gi.created_at AS g_imported,
             pe.id AS pe_id, pe.status::text AS pe_status, pe.note AS pe_note, pe.remark AS pe_remark, pi.source AS pe_source, pi.created_at AS pe_imported,
             pg.id AS page_id,
             cr.id AS cur_id, cr.number AS cur_number, cr.summary AS cur_summary, cr.text AS cur_text, cr.fields AS cur_fields, cr.created_at AS cur_at, cu.name AS cur_author,
             ar.id AS agr_id, ar.number AS agr_number, ar.summary AS agr_summary, ar.text AS agr_text, ar.fields AS agr_fields, ar.created_at AS agr_at, au.name AS agr_author
        FROM functions f
        LEFT JOIN glibc_annotations g ON g.id = f.glibc_annotation_id LEFT JOIN reference_imports gi ON gi.id = g.import_id
        LEFT JOIN posix_entries pe ON pe.id = f.posix_entry_id LEFT JOIN reference_imports pi ON pi.id = pe.import_id
        LEFT JOIN pages pg ON pg.function_id = f.id
        LEFT JOIN revisions cr ON cr.id = pg.current_revision_id LEFT JOIN users cu ON cu.id = cr.author_id
        LEFT JOIN revisions ar ON ar.id = pg.agreed_revision_id LEFT JOIN users au ON au.id = ar.author_id
       WHERE f.name = ${name}`),
    rows<{ id: number; mt: string; as: string; ac: string; source: string; imported: Date }>(sql`
      SELECT g.id, g.mt::text AS mt, g."as"::text AS "as", g.ac::text AS ac, g.mt_notes, g.as_notes, g.ac_notes, g.texi_file, g.line, i.source, i.created_at AS imported
        FROM glibc_annotations g JOIN functions f ON f.id = g.function_id JOIN reference_imports i ON i.id = g.import_id
       WHERE f.name = ${name} ORDER BY g.id DESC`),
    rows<{ id: number; status: string; note: string; source: string }>(sql`
      SELECT pe.id, pe.status::text AS status, pe.note, pe.remark, i.source, i.created_at AS imported
        FROM posix_entries pe JOIN functions f ON f.id = pe.function_id JOIN reference_imports i ON i.id = pe.import_id
       WHERE f.name = ${name} ORDER BY pe.id DESC`),
    rows<{ slug: string; project: string; priority: string; context: string; rationale: string }>(sql`
      SELECT pr.slug, pr.name AS project, n.priority::text AS priority, n.context, n.rationale, n.position
        FROM needs n JOIN functions f ON f.id = n.function_id JOIN projects pr ON pr.id = n.project_id
       WHERE f.name = ${name} ORDER BY n.priority, pr.name`),
    rows<{
      id: number;
      current: boolean;
      target: string;
      kind: string;
      path: string;
      syscall: string;
      source: string;
      imported: Date;
    }>(sql`
      SELECT e.id, e.id = f.evidence_id AS current, e.target, e.kind, e.path, e.syscall, i.source, i.created_at AS imported
        FROM functions f JOIN implementation_evidence e ON e.function_id = f.id OR e.id = f.evidence_id JOIN reference_imports i ON i.id = e.import_id
       WHERE f.name = ${name} ORDER BY e.id DESC`),
    rows<{ id: number; parent_id: number | null; body: string; created_at: Date; author: string }>(sql`
      SELECT c.id, c.parent_id, c.body, c.created_at, u.id AS author_id, u.name AS author
        FROM comments c JOIN pages pg ON pg.id = c.page_id JOIN functions f ON f.id = pg.function_id JOIN users u ON u.id = c.author_id
       WHERE f.name = ${name} ORDER BY c.created_at`),
  ]);
  if (!fn) throw new NotFound();
  const pending = fn.agr_id !== null && fn.cur_id !== null && fn.agr_id !== fn.cur_id;
  const agreedShown = pending && search.get("rev") !== "current";
  const rev = agreedShown
    ? {
        number: fn.agr_number,
        summary: fn.agr_summary,
        text: fn.agr_text,
        fields: fn.agr_fields,
        at: fn.agr_at,
        author: fn.agr_author,
      }
    : {
        number: fn.cur_number,
        summary: fn.cur_summary,
        text: fn.cur_text,
        fields: fn.cur_fields,
        at: fn.cur_at,
        author: fn.cur_author,
      };
  const parsed = rev.number === null ? null : proposalFieldsSchema.safeParse(rev.fields);
  const proposal = parsed?.success ? parsed.data : null;
  const base = fnPath(fn.name);
  const proposalHtml = proposal
    ? `<dl><dt>Guarantee</dt><dd>${esc(proposal.guarantee)}</dd><dt>Implementation</dt><dd>${esc(proposal.implementationKind)}${proposal.implementationNote ? `, ${esc(proposal.implementationNote)}` : ""}</dd>` +
      `<dt>AS-safety estimate</dt><dd>${esc(proposal.asSafety)}</dd></dl>${(rev.text ?? "")
        .split(/\n\s*\n/)
        .map((p) => `<p>${esc(p)}</p>`)
        .join("")}` +
      `<p>Revision ${rev.number} by ${esc(rev.author)}, ${iso(rev.at)}${rev.summary ? ` — <em>${esc(rev.summary)}</em>` : ""}</p>`
    : "<p>Nobody has proposed a guarantee for this function yet.</p>";
  const needsHtml = needs.length
    ? `<table><tbody>${needs.map((n) => `<tr><td><a href="/projects/${esc(n.slug)}">${esc(n.project)}</a></td><td>${esc(n.priority)}</td><td>${esc([n.context, n.rationale].filter(Boolean).join(" — "))}</td></tr>`).join("")}</tbody></table>`
    : "<p>No project has listed it.</p>";
  const commentsHtml = `<ul>${comments.map((c) => `<li id="c${c.id}"${c.parent_id ? ` data-parent="${c.parent_id}"` : ""}><strong>${esc(c.author)}</strong>, ${iso(c.created_at)}<p>${esc(c.body)}</p></li>`).join("")}</ul>`;
  const current = evidence.find((e) => e.current);
  const evidenceHtml =
    (current
      ? `<p>${esc(current.kind)} <code>${esc(current.path)}</code> ${esc(current.syscall)} (${esc(current.target)}, ${esc(current.source)})</p>`
      : "<p>No implementation evidence.</p>") +
    `<ul>${evidence
      .filter((e) => !e.current)
      .map((e) => `<li>${esc(e.kind)} ${esc(e.path)} — ${esc(e.source)}, ${iso(e.imported)}</li>`)
      .join("")}</ul>`;
  const glibcHtml =
    (fn.g_id !== null
      ? `<p>MT-${esc(fn.g_mt)} AS-${esc(fn.g_as)} AC-${esc(fn.g_ac)}, manual/${esc(fn.g_texi_file)} line ${fn.g_line}, ${esc(fn.g_source)}</p>`
      : "<p>No safety annotation.</p>") +
    `<ul>${glibcHistory
      .filter((g) => g.id !== fn.g_id)
      .map((g) => `<li>MT-${esc(g.mt)} AS-${esc(g.as)} AC-${esc(g.ac)} — ${esc(g.source)}, ${iso(g.imported)}</li>`)
      .join("")}</ul>`;
  const posixHtml =
    (fn.pe_status
      ? `<p>${esc(fn.pe_status)} ${esc(fn.pe_note)} ${esc(fn.pe_remark)} (${esc(fn.pe_source)})</p>`
      : "<p>Not in the POSIX async-signal-safe list.</p>") +
    `<ul>${posixHistory
      .filter((p) => p.id !== fn.pe_id)
      .map((p) => `<li>${esc(p.status)} ${esc(p.note)} — ${esc(p.source)}</li>`)
      .join("")}</ul>`;
  return html(
    fn.name,
    `<h1><code>${esc(fn.name)}</code> ${esc(fn.status)}</h1>${pending ? `<p>Pending changes: revision ${fn.cur_number} is not agreed; <a href="${base}/review">review</a>.</p>` : ""}` +
      `<nav><a href="${base}/history">History</a></nav><section><h2>Requested guarantee and estimate</h2>${proposalHtml}</section>` +
      `<section><h2>Projects that need it</h2>${needsHtml}</section><section><h2>Discussion</h2>${commentsHtml}</section>` +
      `<aside><h2>Implementation</h2>${evidenceHtml}<h2>glibc manual</h2>${glibcHtml}<h2>POSIX</h2>${posixHtml}</aside>`,
  );
}

// ---------------------------------------------------------------------------
// History (functionPageRef, listRevisions, currentNumber).

const HISTORY_PAGE_SIZE = 50;

async function history(name: string, search: URLSearchParams): Promise<Reply> {
  const before = Number(search.get("before"));
  const beforeCondition = Number.isInteger(before) && before > 0 ? sql`AND r.number < ${before}` : EMPTY;
  const [[ref], found] = await Promise.all([
    rows<{ page_id: number; current_number: number | null }>(sql`
      SELECT pg.id AS page_id, cr.number AS current_number
        FROM functions f JOIN pages pg ON pg.function_id = f.id LEFT JOIN revisions cr ON cr.id = pg.current_revision_id
       WHERE f.name = ${name}`),
    rows<{ id: number; number: number; summary: string; size: number; created_at: Date; author: string }>(sql`
      SELECT r.id, r.number, r.summary, r.size, r.created_at, r.restored_from_id, u.id AS author_id, u.name AS author
        FROM revisions r JOIN pages pg ON pg.id = r.page_id JOIN functions f ON f.id = pg.function_id JOIN users u ON u.id = r.author_id
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
      return (
        `<tr><td>${r.number < current ? `<a href="${base}/diff?from=${r.number}&amp;to=${current}">cur</a>` : "cur"} | ` +
        `${r.number > 1 ? `<a href="${base}/diff?from=${r.number - 1}&amp;to=${r.number}">prev</a>` : "prev"} ` +
        `<input type="radio" name="from" value="${r.number}"><input type="radio" name="to" value="${r.number}"></td>` +
        `<td><a href="${base}/revisions/${r.number}">Revision ${r.number}</a> ${iso(r.created_at)}</td><td>${esc(r.author)}</td><td>${change}</td><td>${esc(r.summary)}</td></tr>`
      );
    })
    .join("");
  return html(
    `History of ${name}`,
    `<h1>History of ${esc(name)}</h1><form action="${base}/diff"><table><tbody>${body}</tbody></table>` +
      `${older ? `<a href="${base}/history?before=${list.at(-1)!.number}">Older revisions</a>` : ""}</form>`,
  );
}

// ---------------------------------------------------------------------------
// Diff (currentNumber, compareRevisions with the app's diffText and diffFields).

function segments(parts: Segment[] | null, mark: "del" | "ins"): string {
  return (parts ?? []).map((s) => (s.changed ? `<${mark}>${esc(s.text)}</${mark}>` : esc(s.text))).join("");
}

function diffRowHtml(row: DiffRow, expandHref: string): string {
  if (row.kind === "collapsed")
    return `<tr><td colspan="4"><a href="${expandHref}">Show ${row.lines.length} unchanged lines (from line ${row.oldNo})</a></td></tr>`;
  if (row.kind === "same")
    return `<tr><td>${row.oldNo}</td><td>${esc(row.text)}</td><td>${row.newNo}</td><td>${esc(row.text)}</td></tr>`;
  return `<tr><td>${row.oldNo ?? ""}</td><td class="removed">${segments(row.old, "del")}</td><td>${row.newNo ?? ""}</td><td class="added">${segments(row.new, "ins")}</td></tr>`;
}

type RevisionRow = { number: number; summary: string; text: string; fields: unknown; created_at: Date; author: string };

async function diff(name: string, search: URLSearchParams): Promise<Reply> {
  const positive = (value: string | null) => {
    const n = Number(value);
    return value !== null && Number.isInteger(n) && n > 0 ? n : null;
  };
  const revisions = (numbers: number[]) =>
    rows<RevisionRow>(sql`
      SELECT r.number, r.summary, r.text, r.fields, r.created_at, u.id AS author_id, u.name AS author
        FROM revisions r JOIN pages pg ON pg.id = r.page_id JOIN functions f ON f.id = pg.function_id JOIN users u ON u.id = r.author_id
       WHERE f.name = ${name} AND r.number = ANY(${numbers}::int[])`);
  const between = (from: number, to: number) =>
    rows<{ author_id: number }>(sql`
      SELECT r.author_id FROM revisions r JOIN pages pg ON pg.id = r.page_id JOIN functions f ON f.id = pg.function_id
       WHERE f.name = ${name} AND r.number > ${from} AND r.number < ${to}`);
  const refQuery = rows<{ current_number: number | null }>(sql`
    SELECT cr.number AS current_number FROM functions f JOIN pages pg ON pg.function_id = f.id LEFT JOIN revisions cr ON cr.id = pg.current_revision_id
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
  const changes = diffFields("proposal", older ? fields(older.fields) : null, fields(newer.fields));
  const base = fnPath(name);
  const expandHref = `${base}/diff?${a !== null ? `from=${a}&amp;` : ""}to=${b}&amp;view=side&amp;expand=1`;
  const side = (r: RevisionRow | null, label: string) =>
    r
      ? `<div><strong>${label}:</strong> <a href="${base}/revisions/${r.number}">Revision ${r.number}</a> by ${esc(r.author)}, ${iso(r.created_at)}<br>${esc(r.summary)}</div>`
      : `<div>${label}: empty page</div>`;
  const fieldsHtml =
    changes.kind === "proposal"
      ? `<ul>${changes.changes.map((c) => `<li>${esc(c.field)}: ${esc(c.from)} → ${esc(c.to)}</li>`).join("")}</ul>`
      : "";
  return html(
    `${name}: difference between revisions`,
    `<h1>${esc(name)}: difference between revisions</h1>${side(older, "Old")}${side(newer, "New")}` +
      `${intermediate.length ? `<p>(${intermediate.length} intermediate revisions by ${new Set(intermediate.map((r) => r.author_id)).size} users not shown)</p>` : ""}` +
      `<h2>Fields</h2>${fieldsHtml}<h2>Text</h2><table><tbody>${text.map((row) => diffRowHtml(row, expandHref)).join("")}</tbody></table>`,
  );
}

// ---------------------------------------------------------------------------
// Matrix (lib/projects/matrix.ts): the same queries.

const LETTER: Record<PriorityName, string> = { required: "R", convenient: "C", "can-work-around": "W" };

async function matrix(search: URLSearchParams): Promise<Reply> {
  const query = matrixQuerySchema.parse(Object.fromEntries(search));
  const conditions: Sql[] = [sql`TRUE`];
  if (query.status) conditions.push(sql`f.status = ${query.status}::"FunctionStatus"`);
  if (query.q) conditions.push(sql`f.name ILIKE ${`%${query.q.replace(/[\\%_]/g, "\\$&")}%`}`);
  if (!query.all) conditions.push(sql`EXISTS (SELECT 1 FROM needs n WHERE n.function_id = f.id)`);
  const where = join(conditions, " AND ");
  const orderBy = query.sort === "needed" ? sql`needed_by DESC, f.name` : sql`f.name`;
  const [projects, list, counted] = await Promise.all([
    rows<{ id: number; slug: string; name: string }>(sql`SELECT id, slug, name FROM projects ORDER BY name`),
    rows<{
      name: string;
      status: string;
      glibc_as: string | null;
      posix: string | null;
      needed_by: string;
      cells: { p: number; r: PriorityName }[] | null;
    }>(sql`
      SELECT f.id, f.name, f.status::text AS status, g."as"::text AS glibc_as, pe.status::text AS posix,
             (SELECT count(*) FROM needs n WHERE n.function_id = f.id) AS needed_by,
             (SELECT json_agg(json_build_object('p', n.project_id, 'r', n.priority::text)) FROM needs n WHERE n.function_id = f.id) AS cells
      FROM functions f
      LEFT JOIN glibc_annotations g ON g.id = f.glibc_annotation_id
      LEFT JOIN posix_entries pe ON pe.id = f.posix_entry_id
      WHERE ${where}
      ORDER BY ${orderBy}
      LIMIT ${MATRIX_PAGE_SIZE} OFFSET ${(query.page - 1) * MATRIX_PAGE_SIZE}`),
    rows<{ n: string }>(sql`SELECT count(*) AS n FROM functions f WHERE ${where}`),
  ]);
  const head = projects.map((p) => `<th><a href="/projects/${esc(p.slug)}">${esc(p.name)}</a></th>`).join("");
  const body = list
    .map((row) => {
      const cells = new Map((row.cells ?? []).map((c) => [c.p, c.r]));
      const tds = projects
        .map((p) => {
          const priority = cells.get(p.id);
          return priority
            ? `<td class="cell-${priority}" title="${esc(p.name)}: ${priority}">${LETTER[priority]}</td>`
            : "<td></td>";
        })
        .join("");
      return `<tr><th><a href="${fnPath(row.name)}">${esc(row.name)}</a></th><td>${row.needed_by}</td><td>${esc(row.status)}</td><td>${row.glibc_as ? `AS-${row.glibc_as}` : "—"}</td><td>${esc(row.posix ?? "—")}</td>${tds}</tr>`;
    })
    .join("");
  return html(
    "Matrix",
    `<h1>Functions × projects</h1><p>${counted[0]?.n ?? 0} functions × ${projects.length} projects</p><table><thead><tr><th>Function</th><th>Projects</th><th>Status</th><th>glibc AS</th><th>POSIX</th>${head}</tr></thead><tbody>${body}</tbody></table>`,
  );
}

// ---------------------------------------------------------------------------
// Recent changes (lib/recent/data.ts): the same union, each branch cut before merging.

interface Branch {
  kind: string;
  select: Sql;
  from: Sql;
  at: Sql;
  user: Sql;
  page: Sql;
}

const BRANCHES: Branch[] = [
  {
    kind: "edit",
    select: sql`r.id, r.created_at AS at, r.author_id AS user_id, r.page_id, r.number AS revision_number, r.summary AS detail, NULL::text AS body`,
    from: sql`revisions r`,
    at: sql`r.created_at`,
    user: sql`r.author_id`,
    page: sql`r.page_id`,
  },
  {
    kind: "comment",
    select: sql`c.id, c.created_at AS at, c.author_id AS user_id, c.page_id, NULL::int AS revision_number, NULL::text AS detail, c.body`,
    from: sql`comments c`,
    at: sql`c.created_at`,
    user: sql`c.author_id`,
    page: sql`c.page_id`,
  },
  {
    kind: "vote",
    select: sql`v.id, v.updated_at AS at, v.voter_id AS user_id, rv.page_id, rv.number AS revision_number, v.value::text AS detail, v.comment AS body`,
    from: sql`votes v JOIN revisions rv ON rv.id = v.revision_id`,
    at: sql`v.updated_at`,
    user: sql`v.voter_id`,
    page: sql`rv.page_id`,
  },
  {
    kind: "decision",
    select: sql`d.id, d.created_at AS at, d.actor_id AS user_id, d.page_id, rv.number AS revision_number, d.kind::text AS detail, d.reason AS body`,
    from: sql`decisions d JOIN revisions rv ON rv.id = d.revision_id`,
    at: sql`d.created_at`,
    user: sql`d.actor_id`,
    page: sql`d.page_id`,
  },
];

function branchSql(branch: Branch, query: RecentQuery, limit: number): Sql {
  const conditions: Sql[] = [sql`TRUE`];
  if (query.user) conditions.push(sql`${branch.user} = ${query.user}`);
  if (query.since) conditions.push(sql`${branch.at} >= ${new Date(`${query.since}T00:00:00Z`)}`);
  if (query.until)
    conditions.push(sql`${branch.at} < ${new Date(new Date(`${query.until}T00:00:00Z`).getTime() + 86_400_000)}`);
  if (query.project) {
    conditions.push(sql`${branch.page} IN (
      SELECT pg.id FROM pages pg JOIN projects pp ON pp.id = pg.project_id WHERE pp.slug = ${query.project}
      UNION
      SELECT pg.id FROM pages pg JOIN needs n ON n.function_id = pg.function_id JOIN projects np ON np.id = n.project_id WHERE np.slug = ${query.project})`);
  }
  return sql`(SELECT ${branch.kind}::text AS kind, ${branch.select} FROM ${branch.from}
    WHERE ${join(conditions, " AND ")} ORDER BY ${branch.at} DESC, 2 DESC LIMIT ${limit})`;
}

interface RecentRow {
  kind: string;
  id: number;
  at: Date;
  user_name: string;
  function_name: string | null;
  project_slug: string | null;
  project_name: string | null;
  revision_number: number | null;
  detail: string | null;
  body: string | null;
}

async function recent(search: URLSearchParams): Promise<Reply> {
  const query = parseRecentQuery(Object.fromEntries(search));
  const offset = (query.page - 1) * RECENT_PAGE_SIZE;
  const branches = BRANCHES.filter((b) => !query.kind || b.kind === query.kind).map((b) =>
    branchSql(b, query, offset + RECENT_PAGE_SIZE + 1),
  );
  const [found, projects, users] = await Promise.all([
    rows<RecentRow>(sql`
      SELECT a.kind, a.id, a.at, a.user_id, u.name AS user_name, a.page_id, f.name AS function_name, pr.slug AS project_slug, pr.name AS project_name,
             a.revision_number, a.detail, a.body
      FROM (${join(branches, " UNION ALL ")}) a
      JOIN users u ON u.id = a.user_id
      JOIN pages p ON p.id = a.page_id
      LEFT JOIN functions f ON f.id = p.function_id
      LEFT JOIN projects pr ON pr.id = p.project_id
      ORDER BY a.at DESC, a.kind, a.id DESC
      LIMIT ${RECENT_PAGE_SIZE + 1} OFFSET ${offset}`),
    listProjects(),
    rows<{ id: number; name: string }>(sql`
      SELECT u.id, u.name FROM users u
       WHERE EXISTS (SELECT 1 FROM revisions r WHERE r.author_id = u.id) OR EXISTS (SELECT 1 FROM comments c WHERE c.author_id = u.id)
          OR EXISTS (SELECT 1 FROM votes v WHERE v.voter_id = u.id)
       ORDER BY u.name`),
  ]);
  const items = found.slice(0, RECENT_PAGE_SIZE);
  const body = items
    .map((item) => {
      const base = item.function_name ? fnPath(item.function_name) : `/projects/${esc(item.project_slug)}`;
      const title = item.function_name ?? `${item.project_name}'s needs list`;
      const what =
        item.kind === "edit"
          ? `<a href="${base}/revisions/${item.revision_number}">revision ${item.revision_number}</a> — <em>${esc(item.detail)}</em>`
          : item.kind === "comment"
            ? `commented: ${esc((item.body ?? "").slice(0, 140))}`
            : item.kind === "vote"
              ? `voted <strong>${esc(item.detail)}</strong> on revision ${item.revision_number} ${esc((item.body ?? "").slice(0, 140))}`
              : `recorded <strong>${esc(item.detail)}</strong> at revision ${item.revision_number} ${esc(item.body)}`;
      return `<tr><td>${iso(item.at)}</td><td><a href="${base}">${esc(title)}</a></td><td>${esc(item.user_name)}</td><td>${what}</td></tr>`;
    })
    .join("");
  return html(
    "Recent changes",
    `<h1>Recent changes</h1><form><select name="project">${projects.map((p) => `<option value="${esc(p.slug)}">${esc(p.name)}</option>`).join("")}</select>` +
      `<select name="user">${users.map((u) => `<option value="${u.id}">${esc(u.name)}</option>`).join("")}</select></form>` +
      `<table><tbody>${body}</tbody></table>${found.length > RECENT_PAGE_SIZE ? `<a href="/recent?page=${query.page + 1}">Older</a>` : ""}`,
  );
}

// ---------------------------------------------------------------------------
// /export.md (lib/export/data.ts): the same query, rows and text (the app's renderExport).

async function exportText(search: URLSearchParams, host: string | undefined): Promise<Reply> {
  const parsed = parseExportQuery(Object.fromEntries(search));
  if (!parsed.ok) return { type: "text/plain; charset=utf-8", body: `${parsed.error}\n`, status: 400 };
  const { query } = parsed;
  // The app's own query text and row mapping (lib/export/data.ts), sent through pg instead of Prisma.
  const statement = exportDataQuery(query.underReview);
  const found = (await pool.query(statement.text, statement.values)).rows as ExportRow[];
  const data = exportDataset(found, query.underReview);
  const origin = process.env.NEXTAUTH_URL ? new URL(process.env.NEXTAUTH_URL).origin : `http://${host ?? "localhost"}`;
  return {
    type: "text/markdown; charset=utf-8",
    body: renderExport(data, { origin, underReview: query.underReview, group: query.group, intro: query.intro }),
  };
}

// ---------------------------------------------------------------------------
// GET /api/v1/functions (lib/api/functions.ts): ids by name (keyset), then the items.

interface ItemRow {
  id: number;
  name: string;
  status: string;
  estimate_kind: string | null;
  estimate_as_safety: string | null;
  mt: string | null;
  as: string | null;
  ac: string | null;
  mt_notes: string;
  as_notes: string;
  ac_notes: string;
  preliminary: boolean;
  glibc_source: string;
  posix_status: string | null;
  posix_note: string;
  e_kind: string | null;
  e_path: string;
  e_syscall: string;
  needs: { project: string; priority: string }[] | null;
}

async function functionList(search: URLSearchParams): Promise<Reply> {
  const parsed = functionsQuerySchema.safeParse(Object.fromEntries([...search].filter(([, value]) => value !== "")));
  if (!parsed.success)
    return {
      type: "application/json; charset=utf-8",
      status: 400,
      body: JSON.stringify({
        error: { code: "invalid_request", message: "The request is not valid; see the fields." },
      }),
    };
  const query = parsed.data;
  const filters = catalogQuerySchema.parse({ status: query.status, q: query.q, project: query.project });
  const after = query.cursor ? sql`AND f.name > ${query.cursor}` : EMPTY;
  const ids = (
    await rows<{ id: number }>(
      sql`SELECT f.id ${FROM} WHERE ${conditions(filters)} ${after} ORDER BY f.name LIMIT ${query.limit + 1}`,
    )
  ).map((r) => r.id);
  const pageIds = ids.slice(0, query.limit);
  const found = await rows<ItemRow>(sql`
    SELECT f.id, f.name, f.status::text AS status, f.estimate_kind, f.estimate_as_safety,
           g.mt::text AS mt, g."as"::text AS "as", g.ac::text AS ac, g.mt_notes, g.as_notes, g.ac_notes, g.preliminary, gi.source AS glibc_source,
           pe.status::text AS posix_status, pe.note AS posix_note,
           e.kind AS e_kind, e.path AS e_path, e.syscall AS e_syscall,
           (SELECT json_agg(json_build_object('project', pr.slug, 'priority', n.priority) ORDER BY pr.slug)
              FROM needs n JOIN projects pr ON pr.id = n.project_id WHERE n.function_id = f.id) AS needs
      FROM functions f
      LEFT JOIN glibc_annotations g ON g.id = f.glibc_annotation_id LEFT JOIN reference_imports gi ON gi.id = g.import_id
      LEFT JOIN posix_entries pe ON pe.id = f.posix_entry_id
      LEFT JOIN implementation_evidence e ON e.id = f.evidence_id
     WHERE f.id = ANY(${pageIds}::int[])`);
  const byId = new Map(found.map((r) => [r.id, r]));
  const items = pageIds.map((id) => {
    const r = byId.get(id)!;
    return {
      name: r.name,
      status: r.status,
      estimate:
        r.estimate_kind && r.estimate_as_safety ? { kind: r.estimate_kind, asSafety: r.estimate_as_safety } : null,
      glibc: r.mt
        ? {
            mt: r.mt,
            as: r.as,
            ac: r.ac,
            mtNotes: r.mt_notes,
            asNotes: r.as_notes,
            acNotes: r.ac_notes,
            preliminary: r.preliminary,
            source: r.glibc_source,
          }
        : null,
      posix: r.posix_status ? { status: r.posix_status, note: r.posix_note } : null,
      neededBy: (r.needs ?? []).map((n) => ({ project: n.project, priority: n.priority })),
      implementation: r.e_kind ? { kind: r.e_kind, path: r.e_path, syscall: r.e_syscall } : null,
    };
  });
  const nextCursor = ids.length > query.limit ? encodeCursor(items.at(-1)!.name) : null;
  return { type: "application/json; charset=utf-8", body: JSON.stringify({ items, nextCursor }) };
}

// ---------------------------------------------------------------------------

function route(request: http.IncomingMessage): Promise<Reply> {
  const url = new URL(request.url ?? "/", "http://baseline");
  const search = url.searchParams;
  const path = url.pathname;
  if (path === "/functions") return catalog(search);
  if (path === "/matrix") return matrix(search);
  if (path === "/recent") return recent(search);
  if (path === "/export.md") return exportText(search, request.headers.host);
  if (path === "/api/v1/functions") return functionList(search);
  const match = /^\/functions\/([^/]+)(?:\/(history|diff))?$/.exec(path);
  if (match) {
    const name = decodeURIComponent(match[1]!);
    if (match[2] === "history") return history(name, search);
    if (match[2] === "diff") return diff(name, search);
    return functionPage(name, search);
  }
  return Promise.reject(new NotFound());
}

const server = http.createServer((request, response) => {
  route(request).then(
    (reply) => {
      response.writeHead(reply.status ?? 200, { "content-type": reply.type, "cache-control": "no-store" });
      response.end(reply.body);
    },
    (error: unknown) => {
      const notFound = error instanceof NotFound;
      if (!notFound) console.error(error);
      response.writeHead(notFound ? 404 : 500, { "content-type": "text/plain; charset=utf-8" });
      response.end(notFound ? "Not found.\n" : "Internal error.\n");
    },
  );
});

const port = Number(process.env.BASELINE_PORT);
if (!Number.isInteger(port) || port <= 0 || !process.env.DATABASE_URL) {
  console.error("bench/baseline.ts needs BASELINE_PORT and DATABASE_URL.");
  process.exit(2);
}
server.listen(port, "127.0.0.1", () => console.log(`baseline listening on http://127.0.0.1:${port}`));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void pool.end().finally(() => process.exit(0));
  });
}
