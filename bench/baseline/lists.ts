// The matrix, recent changes and /export.md: the app's statements and row
// mapping (lib/projects/matrix.ts, lib/recent/data.ts, lib/export/data.ts)
// sent through pg, and the app's export text.
import { Prisma } from "../../lib/generated/prisma/client";
import { exportDataQuery, exportDataset, type ExportRow } from "../../lib/export/data";
import { renderExport } from "../../lib/export/markdown";
import { parseExportQuery } from "../../lib/export/schema";
import type { Count } from "../../lib/functions/catalog";
import type { PriorityName } from "../../lib/pages/fields";
import { matrixRow, matrixSql, type MatrixSqlRow } from "../../lib/projects/matrix";
import { matrixQuerySchema } from "../../lib/projects/matrix-schema";
import { itemPath, itemTitle, recentChangesSql, recentPage, type RecentSqlRow } from "../../lib/recent/data";
import { parseRecentQuery } from "../../lib/recent/schema";
import { listProjects } from "./catalog";
import { rows } from "./db";
import { esc, fnPath, html, iso, type Reply } from "./html";

const LETTER: Record<PriorityName, string> = { required: "R", convenient: "C", "can-work-around": "W" };

export async function matrix(search: URLSearchParams): Promise<Reply> {
  const statements = matrixSql(matrixQuerySchema.parse(Object.fromEntries(search)));
  const [projects, found, counted] = await Promise.all([
    rows<{ id: number; slug: string; name: string }>(Prisma.sql`SELECT id, slug, name FROM projects ORDER BY name`),
    rows<MatrixSqlRow>(statements.rows),
    rows<{ n: Count }>(statements.count),
  ]);
  const head = projects.map((p) => `<th><a href="/projects/${esc(p.slug)}">${esc(p.name)}</a></th>`).join("");
  const body = found
    .map(matrixRow)
    .map((row) => {
      const tds = projects
        .map((p) => {
          const priority = row.cells[p.id];
          return priority
            ? `<td class="cell-${priority}" title="${esc(p.name)}: ${priority}">${LETTER[priority]}</td>`
            : "<td></td>";
        })
        .join("");
      return (
        `<tr><th><a href="${fnPath(row.name)}">${esc(row.name)}</a></th><td>${row.neededBy}</td>` +
        `<td>${esc(row.status)}</td><td>${row.glibcAs ? `AS-${row.glibcAs}` : "—"}</td>` +
        `<td>${esc(row.posix ?? "—")}</td>${tds}</tr>`
      );
    })
    .join("");
  return html(
    "Matrix",
    `<h1>Functions × projects</h1><p>${counted[0]?.n ?? 0} functions × ${projects.length} projects</p>` +
      `<table><thead><tr><th>Function</th><th>Projects</th><th>Status</th><th>glibc AS</th><th>POSIX</th>${head}` +
      `</tr></thead><tbody>${body}</tbody></table>`,
  );
}

/** recentChangeAuthors (lib/recent/data.ts): everyone who edited, commented or voted. */
const AUTHORS = Prisma.sql`
  SELECT u.id, u.name FROM users u
   WHERE EXISTS (SELECT 1 FROM revisions r WHERE r.author_id = u.id)
      OR EXISTS (SELECT 1 FROM comments c WHERE c.author_id = u.id)
      OR EXISTS (SELECT 1 FROM votes v WHERE v.voter_id = u.id)
   ORDER BY u.name`;

export async function recent(search: URLSearchParams): Promise<Reply> {
  const query = parseRecentQuery(Object.fromEntries(search));
  const [found, projects, users] = await Promise.all([
    rows<RecentSqlRow>(recentChangesSql(query)),
    listProjects(),
    rows<{ id: number; name: string }>(AUTHORS),
  ]);
  const { items, hasMore } = recentPage(found);
  const body = items
    .map((item) => {
      const base = itemPath(item);
      const what =
        item.kind === "edit"
          ? `<a href="${base}/revisions/${item.revisionNumber}">revision ${item.revisionNumber}</a>` +
            ` — <em>${esc(item.detail)}</em>`
          : item.kind === "comment"
            ? `commented: ${esc((item.body ?? "").slice(0, 140))}`
            : item.kind === "vote"
              ? `voted <strong>${esc(item.detail)}</strong> on revision ${item.revisionNumber} ` +
                esc((item.body ?? "").slice(0, 140))
              : `recorded <strong>${esc(item.detail)}</strong> at revision ${item.revisionNumber} ${esc(item.body)}`;
      return (
        `<tr><td>${iso(item.at)}</td><td><a href="${base}">${esc(itemTitle(item))}</a></td>` +
        `<td>${esc(item.userName)}</td><td>${what}</td></tr>`
      );
    })
    .join("");
  const projectOptions = projects.map((p) => `<option value="${esc(p.slug)}">${esc(p.name)}</option>`).join("");
  const userOptions = users.map((u) => `<option value="${u.id}">${esc(u.name)}</option>`).join("");
  return html(
    "Recent changes",
    `<h1>Recent changes</h1><form><select name="project">${projectOptions}</select>` +
      `<select name="user">${userOptions}</select></form>` +
      `<table><tbody>${body}</tbody></table>${hasMore ? `<a href="/recent?page=${query.page + 1}">Older</a>` : ""}`,
  );
}

export async function exportText(search: URLSearchParams, host: string | undefined): Promise<Reply> {
  const parsed = parseExportQuery(Object.fromEntries(search));
  if (!parsed.ok) return { type: "text/plain; charset=utf-8", body: `${parsed.error}\n`, status: 400 };
  const { query } = parsed;
  const data = exportDataset(await rows<ExportRow>(exportDataQuery(query.underReview)), query.underReview);
  const origin = process.env.NEXTAUTH_URL ? new URL(process.env.NEXTAUTH_URL).origin : `http://${host ?? "localhost"}`;
  return {
    type: "text/markdown; charset=utf-8",
    body: renderExport(data, { origin, underReview: query.underReview, group: query.group, intro: query.intro }),
  };
}
