import { db, type DbClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { StatusName } from "@/lib/functions/status";
import { proposalFieldsSchema, type PriorityName, type ProposalFields } from "@/lib/pages/fields";
import { renderExport, type ExportDataset, type ExportEntry, type ExportNeed } from "@/lib/export/markdown";
import type { ExportQuery } from "@/lib/export/schema";

function parseFields(name: string, revisionNumber: number, text: string): ProposalFields {
  const parsed = proposalFieldsSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(
      `Revision ${revisionNumber} of ${name} has fields that do not match the proposal schema: ` +
        `${parsed.error.issues[0]?.message ?? "invalid"}.`,
    );
  return parsed.data;
}

export interface ExportRow {
  name: string;
  status: StatusName;
  /** The agreed revision of an agreed function, the current one of a proposal; null for rejected ones. */
  revision_id: number | null;
  revision_number: number | null;
  revision_fields: string | null;
  revision_created_at: Date | null;
  agreed_revision_id: number | null;
  mt: string | null;
  as: string | null;
  ac: string | null;
  mt_notes: string | null;
  as_notes: string | null;
  ac_notes: string | null;
  preliminary: boolean | null;
  posix_status: "listed" | "removed" | null;
  posix_note: string | null;
  agreed_at: Date | null;
  rejected_at: Date | null;
  rejection_reason: string | null;
  /** JSON array of {slug, name, priority}. */
  needs: string | null;
}

/**
 * Loads what the libc-help export shows in one query, whatever the number
 * of functions: agreed functions with their agreed revision (never the
 * current one, so a pending change cannot leak in), rejected ones with the
 * reason of their latest rejection, and, when asked, proposals under review
 * with their current revision.
 */
export async function loadExportData(options: { underReview: boolean }, client: DbClient = db): Promise<ExportDataset> {
  return exportDataset(await client.$queryRaw<ExportRow[]>(exportDataQuery(options.underReview)), options.underReview);
}

/** The one query behind the export (also sent by the benchmark's bare baseline, as its parameterised text). */
export function exportDataQuery(underReview: boolean): Prisma.Sql {
  const statuses: StatusName[] = underReview ? ["agreed", "rejected", "proposed", "in-review"] : ["agreed", "rejected"];
  return Prisma.sql`
    SELECT f.name, f.status::text AS status,
           r.id AS revision_id, r.number AS revision_number, r.fields::text AS revision_fields,
           r.created_at AS revision_created_at,
           p.agreed_revision_id,
           ga.mt::text AS mt, ga."as"::text AS "as", ga.ac::text AS ac,
           ga.mt_notes, ga.as_notes, ga.ac_notes, ga.preliminary,
           pe.status::text AS posix_status, pe.note AS posix_note,
           da.created_at AS agreed_at,
           dr.created_at AS rejected_at, dr.reason AS rejection_reason,
           nd.needs::text AS needs
      FROM functions f
      JOIN pages p ON p.function_id = f.id
      LEFT JOIN revisions r ON r.id = CASE
             WHEN f.status = 'agreed' THEN p.agreed_revision_id
             WHEN f.status IN ('proposed', 'in-review') THEN p.current_revision_id
           END
      LEFT JOIN glibc_annotations ga ON ga.id = f.glibc_annotation_id
      LEFT JOIN posix_entries pe ON pe.id = f.posix_entry_id
      LEFT JOIN decisions da ON f.status = 'agreed' AND da.kind = 'agreed' AND da.revision_id = p.agreed_revision_id
      LEFT JOIN LATERAL (
             SELECT d.created_at, d.reason FROM decisions d
              WHERE f.status = 'rejected' AND d.page_id = p.id AND d.kind = 'rejected'
              ORDER BY d.created_at DESC, d.id DESC LIMIT 1
           ) dr ON TRUE
      LEFT JOIN LATERAL (
             SELECT json_agg(json_build_object('slug', pr.slug, 'name', pr.name, 'priority', n.priority)) AS needs
               FROM needs n JOIN projects pr ON pr.id = n.project_id
              WHERE n.function_id = f.id
           ) nd ON TRUE
     WHERE f.status::text IN (${Prisma.join(statuses)})`;
}

/** The export's rows as the dataset renderExport takes. */
export function exportDataset(rows: ExportRow[], underReview: boolean): ExportDataset {
  const data: ExportDataset = { agreed: [], underReview: underReview ? [] : null, rejected: [] };
  for (const row of rows) {
    const needs: ExportNeed[] = row.needs
      ? (JSON.parse(row.needs) as { slug: string; name: string; priority: PriorityName }[]).map((n) => ({
          projectSlug: n.slug,
          projectName: n.name,
          priority: n.priority,
        }))
      : [];
    if (row.status === "rejected") {
      if (row.rejected_at)
        data.rejected.push({ name: row.name, reason: row.rejection_reason ?? "", rejectedAt: row.rejected_at, needs });
      continue;
    }
    // Agreed without an agreed revision, or a proposal with no text yet (a needed function nobody
    // proposed): nothing to state.
    if (
      row.revision_id === null ||
      row.revision_number === null ||
      row.revision_fields === null ||
      row.revision_created_at === null
    )
      continue;
    const glibc =
      row.mt && row.as && row.ac
        ? {
            mt: row.mt,
            as: row.as,
            ac: row.ac,
            mtNotes: row.mt_notes ?? "",
            asNotes: row.as_notes ?? "",
            acNotes: row.ac_notes ?? "",
            preliminary: row.preliminary ?? false,
          }
        : null;
    const entry: ExportEntry = {
      name: row.name,
      status: row.status,
      revisionNumber: row.revision_number,
      fields: parseFields(row.name, row.revision_number, row.revision_fields),
      glibc,
      posix: row.posix_status ? { status: row.posix_status, note: row.posix_note ?? "" } : null,
      needs,
      agreedAt: row.status === "agreed" ? row.agreed_at : null,
      revisionCreatedAt: row.revision_created_at,
    };
    if (row.status === "agreed") data.agreed.push(entry);
    // Under review means a current revision that is not the agreed one.
    else if (row.revision_id !== row.agreed_revision_id) data.underReview!.push(entry);
  }
  return data;
}

/** The export text for these options: what /export previews and /export.md serves. */
export async function exportMarkdown(
  query: ExportQuery,
  origin: string,
  client: DbClient = db,
  now?: Date,
): Promise<string> {
  const data = await loadExportData({ underReview: query.underReview }, client);
  return renderExport(data, { origin, underReview: query.underReview, group: query.group, intro: query.intro, now });
}

/**
 * The site's public origin for permalinks from a request's headers: NEXTAUTH_URL, else the Host the
 * request came to.
 */
export function originFromHeaders(headers: Headers): string {
  if (process.env.NEXTAUTH_URL) return new URL(process.env.NEXTAUTH_URL).origin;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host") || "localhost";
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return `${proto}://${host}`;
}
