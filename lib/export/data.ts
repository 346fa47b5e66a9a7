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
  /** The agreed revision of an agreed function, the current one of a proposal; null for closed ones. */
  revision_id: number | null;
  revision_number: number | null;
  revision_fields: string | null;
  revision_text: string | null;
  revision_created_at: Date | null;
  agreed_revision_id: number | null;
  /** Under review only: an agreed function's current revision when it is not the agreed one. */
  pending_number: number | null;
  pending_fields: string | null;
  pending_text: string | null;
  pending_created_at: Date | null;
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
  /** Rejected or withdrawn: the latest such decision, and the last agreement before it. */
  closed_at: Date | null;
  closed_reason: string | null;
  earlier_agreed_number: number | null;
  earlier_agreed_at: Date | null;
  /** JSON array of {slug, name, priority}. */
  needs: string | null;
}

/**
 * Loads what the libc-help export shows in one query, whatever the number
 * of functions: agreed functions with their agreed revision (never the
 * current one, so a pending change cannot leak in), rejected ones and those
 * withdrawn after an agreement with the reason of that decision, and, when
 * asked, proposals under review and agreed functions' pending changes with
 * their current revision.
 */
export async function loadExportData(options: { underReview: boolean }, client: DbClient = db): Promise<ExportDataset> {
  return exportDataset(await client.$queryRaw<ExportRow[]>(exportDataQuery(options.underReview)), options.underReview);
}

/** The one query behind the export (also sent by the benchmark's bare baseline, as its parameterised text). */
export function exportDataQuery(underReview: boolean): Prisma.Sql {
  const statuses: StatusName[] = underReview ? ["agreed", "rejected", "proposed", "in-review"] : ["agreed", "rejected"];
  const pending = underReview
    ? Prisma.sql`f.status = 'agreed' AND cr.id = p.current_revision_id AND cr.id <> p.agreed_revision_id`
    : Prisma.sql`FALSE`;
  return Prisma.sql`
    SELECT f.name, f.status::text AS status,
           r.id AS revision_id, r.number AS revision_number, r.fields::text AS revision_fields,
           r.text AS revision_text, r.created_at AS revision_created_at,
           p.agreed_revision_id,
           cr.number AS pending_number, cr.fields::text AS pending_fields, cr.text AS pending_text,
           cr.created_at AS pending_created_at,
           ga.mt::text AS mt, ga."as"::text AS "as", ga.ac::text AS ac,
           ga.mt_notes, ga.as_notes, ga.ac_notes, ga.preliminary,
           pe.status::text AS posix_status, pe.note AS posix_note,
           da.created_at AS agreed_at,
           dc.created_at AS closed_at, dc.reason AS closed_reason,
           de.number AS earlier_agreed_number, de.created_at AS earlier_agreed_at,
           nd.needs::text AS needs
      FROM functions f
      JOIN pages p ON p.function_id = f.id
      LEFT JOIN revisions r ON r.id = CASE
             WHEN f.status = 'agreed' THEN p.agreed_revision_id
             WHEN f.status IN ('proposed', 'in-review') THEN p.current_revision_id
           END
      LEFT JOIN revisions cr ON ${pending}
      LEFT JOIN glibc_annotations ga ON ga.id = f.glibc_annotation_id
      LEFT JOIN posix_entries pe ON pe.id = f.posix_entry_id
      LEFT JOIN decisions da ON f.status = 'agreed' AND da.kind = 'agreed' AND da.revision_id = p.agreed_revision_id
      LEFT JOIN LATERAL (
             SELECT d.id, d.created_at, d.reason FROM decisions d
              WHERE f.status IN ('rejected', 'withdrawn') AND d.page_id = p.id AND d.kind::text = f.status::text
              ORDER BY d.created_at DESC, d.id DESC LIMIT 1
           ) dc ON TRUE
      LEFT JOIN LATERAL (
             -- The decision before the closing one: when it is an agreement, the closing one ended it.
             SELECT d.kind, ar.number, d.created_at FROM decisions d JOIN revisions ar ON ar.id = d.revision_id
              WHERE d.page_id = p.id AND d.kind IN ('agreed', 'rejected', 'withdrawn')
                AND (d.created_at, d.id) < (dc.created_at, dc.id)
              ORDER BY d.created_at DESC, d.id DESC LIMIT 1
           ) de ON de.kind = 'agreed'
      LEFT JOIN LATERAL (
             SELECT json_agg(json_build_object('slug', pr.slug, 'name', pr.name, 'priority', n.priority)) AS needs
               FROM needs n JOIN projects pr ON pr.id = n.project_id
              WHERE n.function_id = f.id
           ) nd ON TRUE
     WHERE f.status::text IN (${Prisma.join(statuses)})
        OR (f.status = 'withdrawn' AND de.kind IS NOT NULL)`;
}

/** The export's rows as the dataset renderExport takes. */
export function exportDataset(rows: ExportRow[], underReview: boolean): ExportDataset {
  const data: ExportDataset = { agreed: [], underReview: underReview ? [] : null, rejected: [], withdrawn: [] };
  for (const row of rows) {
    const needs: ExportNeed[] = row.needs
      ? (JSON.parse(row.needs) as { slug: string; name: string; priority: PriorityName }[]).map((n) => ({
          projectSlug: n.slug,
          projectName: n.name,
          priority: n.priority,
        }))
      : [];
    if (row.status === "rejected" || row.status === "withdrawn") {
      if (row.closed_at)
        data[row.status].push({
          name: row.name,
          reason: row.closed_reason ?? "",
          closedAt: row.closed_at,
          needs,
          agreedEarlier:
            row.earlier_agreed_number !== null && row.earlier_agreed_at !== null
              ? { revisionNumber: row.earlier_agreed_number, at: row.earlier_agreed_at }
              : null,
        });
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
      text: row.revision_text ?? "",
      pendingOf: null,
    };
    if (row.status === "agreed") data.agreed.push(entry);
    if (row.status === "agreed" && data.underReview && row.pending_number !== null && row.pending_created_at !== null)
      data.underReview.push({
        ...entry,
        revisionNumber: row.pending_number,
        fields: parseFields(row.name, row.pending_number, row.pending_fields ?? "null"),
        text: row.pending_text ?? "",
        agreedAt: null,
        revisionCreatedAt: row.pending_created_at,
        pendingOf: row.revision_number,
      });
    // Under review means a current revision that is not the agreed one.
    else if (row.revision_id !== row.agreed_revision_id) data.underReview!.push(entry);
  }
  return data;
}

/** The export text for these options: what /export previews and /export.md serves. */
export async function exportMarkdown(
  query: Omit<ExportQuery, "notes"> & { notes?: boolean },
  origin: string,
  client: DbClient = db,
  now?: Date,
): Promise<string> {
  const data = await loadExportData({ underReview: query.underReview }, client);
  return renderExport(data, {
    origin,
    underReview: query.underReview,
    group: query.group,
    intro: query.intro,
    notes: query.notes,
    now,
  });
}
