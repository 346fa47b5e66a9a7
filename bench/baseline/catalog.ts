// The catalog and the JSON list: the app's statements from
// lib/functions/catalog.ts; the Prisma reads behind them as hand-written SQL.
import { Prisma } from "../../lib/generated/prisma/client";
import { encodeCursor } from "../../lib/server/api/cursor";
import { functionsQuerySchema } from "../../lib/server/api/schemas/functions";
import {
  catalogCountSql,
  catalogFacetQueries,
  catalogIdsSql,
  facetCounts,
  functionIdsByNameSql,
  type Count,
  type FacetCountRow,
} from "../../lib/functions/catalog";
import { CATALOG_PAGE_SIZE, catalogQuerySchema, parseCatalogQuery } from "../../lib/functions/schema";
import { hasPendingChanges } from "../../lib/functions/status";
import type { FunctionStatus } from "../../lib/generated/prisma/client";
import { reachabilityJson } from "../../lib/reachability/data";
import type { Hazard } from "../../lib/reachability/hazards";
import { rows } from "./db";
import { esc, fnPath, html, type Reply } from "./html";

/** listProjects (lib/projects/data.ts): every project with its counts of needs and representatives. */
export function listProjects() {
  return rows<{ id: number; slug: string; name: string; needs: string; representatives: string }>(Prisma.sql`
    SELECT pr.id, pr.slug, pr.name, pr.homepage, pr.description, pr.caveats, pr.created_at,
           COALESCE(n.count, 0) AS needs, COALESCE(r.count, 0) AS representatives
      FROM projects pr
      LEFT JOIN (SELECT project_id, count(*) FROM needs GROUP BY project_id) n ON n.project_id = pr.id
      LEFT JOIN (SELECT project_id, count(*) FROM project_representatives GROUP BY project_id) r
             ON r.project_id = pr.id
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

/** listFunctions: the app's ids and count, then its findMany as one statement. */
async function listing(query: ReturnType<typeof parseCatalogQuery>) {
  const [ids, counted] = await Promise.all([
    rows<{ id: number }>(catalogIdsSql(query)),
    rows<{ n: Count }>(catalogCountSql(query)),
  ]);
  const found = await rows<CatalogRow>(Prisma.sql`
    SELECT f.id, f.name, f.status::text AS status, f.estimate_kind, f.estimate_as_safety, f.updated_at,
           g.mt::text AS mt, g."as"::text AS glibc_as, g.ac::text AS ac, pe.status::text AS posix,
           (SELECT json_agg(json_build_object('slug', pr.slug, 'name', pr.name, 'priority', n.priority)
             ORDER BY pr.name)
              FROM needs n JOIN projects pr ON pr.id = n.project_id WHERE n.function_id = f.id) AS needs
      FROM functions f
      LEFT JOIN glibc_annotations g ON g.id = f.glibc_annotation_id
      LEFT JOIN posix_entries pe ON pe.id = f.posix_entry_id
     WHERE f.id = ANY(${ids.map((r) => r.id)}::int[])`);
  const byId = new Map(found.map((r) => [r.id, r]));
  return { total: Number(counted[0]?.n ?? 0), rows: ids.map((r) => byId.get(r.id)!) };
}

/** catalogFacets: the app's statements and counts. */
async function facets(query: ReturnType<typeof parseCatalogQuery>) {
  const statements = Object.entries(catalogFacetQueries(query));
  const counted = await Promise.all(statements.map(([, statement]) => rows<FacetCountRow>(statement)));
  return statements.map(([name], i) => ({ name, counts: facetCounts(counted[i]!) }));
}

const optionsHtml = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([key, n]) => `<option value="${esc(key)}">${esc(key)} (${n})</option>`)
    .join("");

export async function catalog(search: URLSearchParams): Promise<Reply> {
  const query = parseCatalogQuery(Object.fromEntries(search));
  const [{ total, rows: list }, projects, counts] = await Promise.all([listing(query), listProjects(), facets(query)]);
  const facetHtml = counts
    .map((facet) => `<select name="${facet.name}"><option value="">any</option>${optionsHtml(facet.counts)}</select>`)
    .join("");
  const projectOptions = projects.map((p) => `<option value="${esc(p.slug)}">${esc(p.name)}</option>`).join("");
  const body = list
    .map(
      (fn) =>
        `<tr><td><a href="${fnPath(fn.name)}">${esc(fn.name)}</a></td><td>${esc(fn.status)}</td>` +
        `<td>${esc(fn.estimate_kind)} ${esc(fn.estimate_as_safety)}</td>` +
        `<td>${esc(fn.glibc_as)}</td><td>${esc(fn.posix ?? "not listed")}</td><td>${(fn.needs ?? [])
          .map((n) => `<a href="/projects/${esc(n.slug)}">${esc(n.name)}</a> ${esc(n.priority)} `)
          .join("")}</td></tr>`,
    )
    .join("");
  const pages = Math.max(1, Math.ceil(total / CATALOG_PAGE_SIZE));
  return html(
    "Functions",
    `<h1>Functions</h1><form>${facetHtml}<select name="project">${projectOptions}</select></form>` +
      `<p>${total} functions — page ${query.page} of ${pages}</p>` +
      `<table><thead><tr><th>Name</th><th>Status</th><th>Estimate</th><th>glibc manual</th><th>POSIX</th>` +
      `<th>Needed by</th></tr></thead><tbody>${body}</tbody></table>`,
  );
}

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
  e_provider: string;
  e_line: number;
  e_syscalls: string[];
  e_via: string[];
  e_flags: string[];
  r_hazards: unknown;
  r_indirect: number | null;
  r_build: string;
  r_import: number;
  r_source: string;
  r_origin: string;
  r_imported_at: Date;
  p_id: number | null;
  p_current: number | null;
  p_agreed: number | null;
  needs: { project: string; priority: string }[] | null;
}

function item(r: ItemRow) {
  return {
    name: r.name,
    status: r.status,
    estimate:
      r.estimate_kind && r.estimate_as_safety ? { kind: r.estimate_kind, asSafety: r.estimate_as_safety } : null,
    changesPending: hasPendingChanges(
      r.status as FunctionStatus,
      r.p_id === null ? null : { currentRevisionId: r.p_current, agreedRevisionId: r.p_agreed },
    ),
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
    implementation: r.e_kind
      ? {
          kind: r.e_kind,
          path: r.e_path,
          syscall: r.e_syscall,
          provider: r.e_provider,
          line: r.e_line,
          syscalls: r.e_syscalls,
          via: r.e_via,
          flags: r.e_flags,
        }
      : null,
    reachability: reachabilityJson(
      r.r_indirect === null
        ? null
        : {
            // In the API schema's key order, as the app's zod output writes them (jsonb sorts keys its own way).
            hazards: (r.r_hazards as Hazard[]).map(({ kind, route, path }) => ({ kind, route, path })),
            indirectCalls: r.r_indirect,
            buildId: r.r_build,
            import: { id: r.r_import, source: r.r_source, origin: r.r_origin, createdAt: r.r_imported_at },
          },
    ),
  };
}

/** GET /api/v1/functions (lib/server/api/functions.ts): ids by name (keyset), then the items. */
export async function functionList(search: URLSearchParams): Promise<Reply> {
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
  const idsSql = functionIdsByNameSql(filters, { after: query.cursor ?? null, limit: query.limit + 1 });
  const ids = (await rows<{ id: number }>(idsSql)).map((r) => r.id);
  const pageIds = ids.slice(0, query.limit);
  const found = await rows<ItemRow>(Prisma.sql`
    SELECT f.id, f.name, f.status::text AS status, f.estimate_kind, f.estimate_as_safety,
           g.mt::text AS mt, g."as"::text AS "as", g.ac::text AS ac, g.mt_notes, g.as_notes, g.ac_notes, g.preliminary,
           gi.source AS glibc_source,
           pe.status::text AS posix_status, pe.note AS posix_note,
           e.kind AS e_kind, e.path AS e_path, e.syscall AS e_syscall, e.provider AS e_provider, e.line AS e_line,
           e.syscalls AS e_syscalls, e.via AS e_via, e.flags AS e_flags,
           r.hazards AS r_hazards, r.indirect_calls AS r_indirect, r.build_id AS r_build,
           ri.id AS r_import, ri.source AS r_source, ri.origin AS r_origin, ri.created_at AS r_imported_at,
           p.id AS p_id, p.current_revision_id AS p_current, p.agreed_revision_id AS p_agreed,
           (SELECT json_agg(json_build_object('project', pr.slug, 'priority', n.priority) ORDER BY pr.slug)
              FROM needs n JOIN projects pr ON pr.id = n.project_id WHERE n.function_id = f.id) AS needs
      FROM functions f
      LEFT JOIN glibc_annotations g ON g.id = f.glibc_annotation_id
      LEFT JOIN reference_imports gi ON gi.id = g.import_id
      LEFT JOIN posix_entries pe ON pe.id = f.posix_entry_id
      LEFT JOIN implementation_evidence e ON e.id = f.evidence_id
      LEFT JOIN function_reachability r ON r.id = f.reachability_id
      LEFT JOIN reference_imports ri ON ri.id = r.import_id
      LEFT JOIN pages p ON p.function_id = f.id
     WHERE f.id = ANY(${pageIds}::int[])`);
  const byId = new Map(found.map((r) => [r.id, r]));
  const items = pageIds.map((id) => item(byId.get(id)!));
  const nextCursor = ids.length > query.limit ? encodeCursor(items.at(-1)!.name) : null;
  return { type: "application/json; charset=utf-8", body: JSON.stringify({ items, nextCursor }) };
}
