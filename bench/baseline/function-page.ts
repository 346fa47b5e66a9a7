// The function page: getFunctionPage, getFunctionEvidence and commentThread
// (Prisma reads in the app) as hand-written statements, run in parallel.
import { Prisma } from "../../lib/generated/prisma/client";
import { proposalFieldsSchema } from "../../lib/pages/fields";
import { rows } from "./db";
import { esc, fnPath, html, iso, NotFound, type Reply } from "./html";

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

export async function functionPage(name: string, search: URLSearchParams): Promise<Reply> {
  const [[fn], glibcHistory, posixHistory, needs, evidence, comments] = await Promise.all([
    rows<FunctionPageRow>(Prisma.sql`
      SELECT f.id, f.name, f.status::text AS status,
             g.id AS g_id, g.mt::text AS g_mt, g."as"::text AS g_as, g.ac::text AS g_ac,
             g.mt_notes, g.as_notes, g.ac_notes, g.preliminary,
             g.declared_as, g.texi_file AS g_texi_file, g.line AS g_line,
             gi.source AS g_source, gi.created_at AS g_imported,
             pe.id AS pe_id, pe.status::text AS pe_status, pe.note AS pe_note, pe.remark AS pe_remark,
             pi.source AS pe_source, pi.created_at AS pe_imported,
             pg.id AS page_id,
             cr.id AS cur_id, cr.number AS cur_number, cr.summary AS cur_summary, cr.text AS cur_text,
             cr.fields AS cur_fields, cr.created_at AS cur_at, cu.name AS cur_author,
             ar.id AS agr_id, ar.number AS agr_number, ar.summary AS agr_summary, ar.text AS agr_text,
             ar.fields AS agr_fields, ar.created_at AS agr_at, au.name AS agr_author
        FROM functions f
        LEFT JOIN glibc_annotations g ON g.id = f.glibc_annotation_id
        LEFT JOIN reference_imports gi ON gi.id = g.import_id
        LEFT JOIN posix_entries pe ON pe.id = f.posix_entry_id LEFT JOIN reference_imports pi ON pi.id = pe.import_id
        LEFT JOIN pages pg ON pg.function_id = f.id
        LEFT JOIN revisions cr ON cr.id = pg.current_revision_id LEFT JOIN users cu ON cu.id = cr.author_id
        LEFT JOIN revisions ar ON ar.id = pg.agreed_revision_id LEFT JOIN users au ON au.id = ar.author_id
       WHERE f.name = ${name}`),
    rows<{ id: number; mt: string; as: string; ac: string; source: string; imported: Date }>(Prisma.sql`
      SELECT g.id, g.mt::text AS mt, g."as"::text AS "as", g.ac::text AS ac, g.mt_notes, g.as_notes, g.ac_notes,
             g.texi_file, g.line, i.source, i.created_at AS imported
        FROM glibc_annotations g JOIN functions f ON f.id = g.function_id
        JOIN reference_imports i ON i.id = g.import_id
       WHERE f.name = ${name} ORDER BY g.id DESC`),
    rows<{ id: number; status: string; note: string; source: string }>(Prisma.sql`
      SELECT pe.id, pe.status::text AS status, pe.note, pe.remark, i.source, i.created_at AS imported
        FROM posix_entries pe JOIN functions f ON f.id = pe.function_id
        JOIN reference_imports i ON i.id = pe.import_id
       WHERE f.name = ${name} ORDER BY pe.id DESC`),
    rows<{ slug: string; project: string; priority: string; context: string; rationale: string }>(Prisma.sql`
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
    }>(Prisma.sql`
      SELECT e.id, e.id = f.evidence_id AS current, e.target, e.kind, e.path, e.syscall,
             i.source, i.created_at AS imported
        FROM functions f JOIN implementation_evidence e ON e.function_id = f.id OR e.id = f.evidence_id
        JOIN reference_imports i ON i.id = e.import_id
       WHERE f.name = ${name} ORDER BY e.id DESC`),
    rows<{ id: number; parent_id: number | null; body: string; created_at: Date; author: string }>(Prisma.sql`
      SELECT c.id, c.parent_id, c.body, c.created_at, u.id AS author_id, u.name AS author
        FROM comments c JOIN pages pg ON pg.id = c.page_id JOIN functions f ON f.id = pg.function_id
        JOIN users u ON u.id = c.author_id
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
  const note = proposal?.implementationNote ? `, ${esc(proposal.implementationNote)}` : "";
  const paragraphs = (rev.text ?? "")
    .split(/\n\s*\n/)
    .map((p) => `<p>${esc(p)}</p>`)
    .join("");
  const proposalHtml = proposal
    ? `<dl><dt>Guarantee</dt><dd>${esc(proposal.guarantee)}</dd>` +
      `<dt>Implementation</dt><dd>${esc(proposal.implementationKind)}${note}</dd>` +
      `<dt>AS-safety estimate</dt><dd>${esc(proposal.asSafety)}</dd></dl>${paragraphs}` +
      `<p>Revision ${rev.number} by ${esc(rev.author)}, ${iso(rev.at)}` +
      `${rev.summary ? ` — <em>${esc(rev.summary)}</em>` : ""}</p>`
    : "<p>Nobody has proposed a guarantee for this function yet.</p>";
  const needRow = (n: (typeof needs)[number]) =>
    `<tr><td><a href="/projects/${esc(n.slug)}">${esc(n.project)}</a></td><td>${esc(n.priority)}</td>` +
    `<td>${esc([n.context, n.rationale].filter(Boolean).join(" — "))}</td></tr>`;
  const needsHtml = needs.length
    ? `<table><tbody>${needs.map(needRow).join("")}</tbody></table>`
    : "<p>No project has listed it.</p>";
  const commentItem = (c: (typeof comments)[number]) =>
    `<li id="c${c.id}"${c.parent_id ? ` data-parent="${c.parent_id}"` : ""}>` +
    `<strong>${esc(c.author)}</strong>, ${iso(c.created_at)}<p>${esc(c.body)}</p></li>`;
  const commentsHtml = `<ul>${comments.map(commentItem).join("")}</ul>`;
  const current = evidence.find((e) => e.current);
  const evidenceHtml =
    (current
      ? `<p>${esc(current.kind)} <code>${esc(current.path)}</code> ${esc(current.syscall)} ` +
        `(${esc(current.target)}, ${esc(current.source)})</p>`
      : "<p>No implementation evidence.</p>") +
    `<ul>${evidence
      .filter((e) => !e.current)
      .map((e) => `<li>${esc(e.kind)} ${esc(e.path)} — ${esc(e.source)}, ${iso(e.imported)}</li>`)
      .join("")}</ul>`;
  const glibcHtml =
    (fn.g_id !== null
      ? `<p>MT-${esc(fn.g_mt)} AS-${esc(fn.g_as)} AC-${esc(fn.g_ac)}, ` +
        `manual/${esc(fn.g_texi_file)} line ${fn.g_line}, ${esc(fn.g_source)}</p>`
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
  const pendingHtml = pending
    ? `<p>Pending changes: revision ${fn.cur_number} is not agreed; <a href="${base}/review">review</a>.</p>`
    : "";
  return html(
    fn.name,
    `<h1><code>${esc(fn.name)}</code> ${esc(fn.status)}</h1>${pendingHtml}` +
      `<nav><a href="${base}/history">History</a></nav>` +
      `<section><h2>Requested guarantee and estimate</h2>${proposalHtml}</section>` +
      `<section><h2>Projects that need it</h2>${needsHtml}</section>` +
      `<section><h2>Discussion</h2>${commentsHtml}</section>` +
      `<aside><h2>Implementation</h2>${evidenceHtml}<h2>glibc manual</h2>${glibcHtml}` +
      `<h2>POSIX</h2>${posixHtml}</aside>`,
  );
}
