import { db, type DbClient } from "@/lib/db";
import type { FunctionStatus } from "@/lib/generated/prisma/client";
import { statusName } from "@/lib/functions/status";
import { proposalFieldsSchema, type ProposalFields } from "@/lib/pages/fields";
import { PRIORITY_FROM_DB } from "@/lib/projects/needs";
import { renderExport, type ExportDataset, type ExportEntry, type ExportNeed } from "@/lib/export/markdown";
import type { ExportQuery } from "@/lib/export/schema";

const revisionSelect = { select: { id: true, number: true, fields: true, createdAt: true } } as const;

function parseFields(name: string, revisionNumber: number, raw: unknown): ProposalFields {
  const parsed = proposalFieldsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Revision ${revisionNumber} of ${name} has fields that do not match the proposal schema: ${parsed.error.issues[0]?.message ?? "invalid"}.`);
  return parsed.data;
}

/**
 * Loads what the libc-help export shows, in a fixed number of queries
 * whatever the number of functions: agreed functions with their agreed
 * revision (never the current one, so a pending change cannot leak in),
 * rejected ones with the reason of their latest rejection, and, when asked,
 * proposals under review with their current revision.
 */
export async function loadExportData(options: { underReview: boolean }, client: DbClient = db): Promise<ExportDataset> {
  const statuses: FunctionStatus[] = options.underReview ? ["agreed", "rejected", "proposed", "in_review"] : ["agreed", "rejected"];
  const functions = await client.function.findMany({
    where: { status: { in: statuses }, page: { isNot: null } },
    select: {
      name: true,
      status: true,
      glibcAnnotation: { select: { mt: true, as: true, ac: true, mtNotes: true, asNotes: true, acNotes: true, preliminary: true } },
      posixEntry: { select: { status: true, note: true } },
      needs: { select: { priority: true, project: { select: { slug: true, name: true } } } },
      page: { select: { id: true, currentRevisionId: true, agreedRevisionId: true, agreedRevision: revisionSelect, currentRevision: revisionSelect } },
    },
  });

  const agreedRevisionIds = functions.flatMap((f) => (f.status === "agreed" && f.page?.agreedRevisionId ? [f.page.agreedRevisionId] : []));
  const rejectedPageIds = functions.flatMap((f) => (f.status === "rejected" && f.page ? [f.page.id] : []));
  const decisions = agreedRevisionIds.length + rejectedPageIds.length === 0 ? [] : await client.decision.findMany({
    where: { OR: [{ kind: "agreed", revisionId: { in: agreedRevisionIds } }, { kind: "rejected", pageId: { in: rejectedPageIds } }] },
    select: { kind: true, pageId: true, revisionId: true, reason: true, createdAt: true, id: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const agreedAt = new Map<number, Date>();
  const latestRejection = new Map<number, { reason: string; createdAt: Date }>();
  for (const d of decisions) {
    if (d.kind === "agreed") agreedAt.set(d.revisionId, d.createdAt);
    else latestRejection.set(d.pageId, d); // ascending order: the last one wins
  }

  const data: ExportDataset = { agreed: [], underReview: options.underReview ? [] : null, rejected: [] };
  for (const f of functions) {
    const needs: ExportNeed[] = f.needs.map((n) => ({ projectSlug: n.project.slug, projectName: n.project.name, priority: PRIORITY_FROM_DB[n.priority] }));
    const facts = {
      name: f.name,
      status: statusName(f.status),
      glibc: f.glibcAnnotation,
      posix: f.posixEntry,
      needs,
    };
    const page = f.page!;
    if (f.status === "agreed") {
      const revision = page.agreedRevision;
      if (!revision) continue; // marked agreed without an agreed revision: nothing to state
      data.agreed.push({ ...facts, revisionNumber: revision.number, fields: parseFields(f.name, revision.number, revision.fields), agreedAt: agreedAt.get(revision.id) ?? null, revisionCreatedAt: revision.createdAt });
    } else if (f.status === "rejected") {
      const rejection = latestRejection.get(page.id);
      if (!rejection) continue;
      data.rejected.push({ name: f.name, reason: rejection.reason, rejectedAt: rejection.createdAt, needs });
    } else {
      const revision = page.currentRevision;
      // Under review means a current revision that is not the agreed one.
      if (!revision || revision.id === page.agreedRevisionId) continue;
      const entry: ExportEntry = { ...facts, revisionNumber: revision.number, fields: parseFields(f.name, revision.number, revision.fields), agreedAt: null, revisionCreatedAt: revision.createdAt };
      data.underReview!.push(entry);
    }
  }
  return data;
}

/** The export text for these options: what /export previews and /export.md serves. */
export async function exportMarkdown(query: ExportQuery, origin: string, client: DbClient = db, now?: Date): Promise<string> {
  const data = await loadExportData({ underReview: query.underReview }, client);
  return renderExport(data, { origin, underReview: query.underReview, group: query.group, intro: query.intro, now });
}

/** The site's public origin for permalinks from a request's headers: NEXTAUTH_URL, else the Host the request came to. */
export function originFromHeaders(headers: Headers): string {
  if (process.env.NEXTAUTH_URL) return new URL(process.env.NEXTAUTH_URL).origin;
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "localhost";
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return `${proto}://${host}`;
}
