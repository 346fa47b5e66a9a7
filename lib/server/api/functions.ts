import type { z } from "zod";
import { db, type DbClient } from "@/lib/db";
import { evidenceJson, exactEvidenceSelect } from "@/lib/evidence/describe";
import { listFunctionIdsByName } from "@/lib/functions/catalog";
import { catalogQuerySchema } from "@/lib/functions/schema";
import { hasPendingChanges, statusName } from "@/lib/functions/status";
import type { Prisma } from "@/lib/generated/prisma/client";
import { kindOf } from "@/lib/pages/kinds";
import type { AsSafetyEstimate, ImplementationKind } from "@/lib/pages/fields";
import { PRIORITY_FROM_DB } from "@/lib/projects/needs";
import { reachabilityJson, reachabilitySelect } from "@/lib/reachability/data";
import { encodeCursor } from "@/lib/server/api/cursor";
import type {
  FunctionDetail,
  FunctionItem,
  functionListSchema,
  functionsQuerySchema,
} from "@/lib/server/api/schemas/functions";

const itemSelect = {
  id: true,
  name: true,
  status: true,
  estimateKind: true,
  estimateAsSafety: true,
  glibcAnnotation: {
    select: {
      mt: true,
      as: true,
      ac: true,
      mtNotes: true,
      asNotes: true,
      acNotes: true,
      preliminary: true,
      import: { select: { source: true } },
    },
  },
  posixEntry: { select: { status: true, note: true } },
  evidence: { select: exactEvidenceSelect },
  reachability: reachabilitySelect.reachability,
  needs: { select: { priority: true, project: { select: { slug: true } } }, orderBy: { project: { slug: "asc" } } },
  page: { select: { currentRevisionId: true, agreedRevisionId: true } },
} satisfies Prisma.FunctionSelect;

const revisionSelect = { id: true, number: true, text: true, fields: true, createdAt: true } as const;

type ItemRow = Prisma.FunctionGetPayload<{ select: typeof itemSelect }>;

function toItem(row: ItemRow): FunctionItem {
  const g = row.glibcAnnotation;
  return {
    name: row.name,
    status: statusName(row.status),
    // The estimate columns hold validated proposal fields: the agreed revision's while an agreement
    // stands, else the current one's (lib/functions/estimate.ts).
    estimate:
      row.estimateKind && row.estimateAsSafety
        ? { kind: row.estimateKind as ImplementationKind, asSafety: row.estimateAsSafety as AsSafetyEstimate }
        : null,
    changesPending: hasPendingChanges(row.status, row.page),
    glibc: g
      ? {
          mt: g.mt,
          as: g.as,
          ac: g.ac,
          mtNotes: g.mtNotes,
          asNotes: g.asNotes,
          acNotes: g.acNotes,
          preliminary: g.preliminary,
          source: g.import.source,
        }
      : null,
    posix: row.posixEntry ? { status: row.posixEntry.status, note: row.posixEntry.note } : null,
    neededBy: row.needs.map((n) => ({ project: n.project.slug, priority: PRIORITY_FROM_DB[n.priority] })),
    implementation: evidenceJson(row.evidence),
    reachability: reachabilityJson(row.reachability),
  };
}

/** One page of the catalog ordered by name, filtered like the catalog page, for GET /api/v1/functions. */
export async function listFunctionItems(
  query: z.output<typeof functionsQuerySchema>,
  client: DbClient = db,
): Promise<z.output<typeof functionListSchema>> {
  const filters = catalogQuerySchema.parse({
    status: query.status,
    q: query.q,
    project: query.project,
    estimate: query.estimate,
  });
  const ids = await listFunctionIdsByName(filters, { after: query.cursor ?? null, limit: query.limit + 1 }, client);
  const pageIds = ids.slice(0, query.limit);
  const rows = await client.function.findMany({ where: { id: { in: pageIds } }, select: itemSelect });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items = pageIds.map((id) => toItem(byId.get(id)!));
  return { items, nextCursor: ids.length > query.limit ? encodeCursor(items.at(-1)!.name) : null };
}

/** A function with its proposal and the votes on the current revision, or null for an unknown name. */
export async function getFunctionDetail(name: string, client: DbClient = db): Promise<FunctionDetail | null> {
  const row = await client.function.findUnique({
    where: { name },
    select: {
      ...itemSelect,
      page: {
        select: {
          currentRevisionId: true,
          agreedRevisionId: true,
          currentRevision: { select: revisionSelect },
          agreedRevision: { select: { ...revisionSelect, decisions: { where: { kind: "agreed" } } } },
        },
      },
    },
  });
  if (!row) return null;
  const page = row.page;
  const current = page?.currentRevision ?? null;
  const votes = page?.currentRevisionId
    ? await client.vote.findMany({
        where: { revisionId: page.currentRevisionId },
        include: { voter: { select: { name: true } } },
        orderBy: { updatedAt: "asc" },
      })
    : [];
  const proposal = kindOf("proposal");
  const shown = (revision: { id: number; number: number; text: string; fields: unknown }) => ({
    revisionId: revision.id,
    number: revision.number,
    fields: proposal.parseFields(revision.fields),
    text: revision.text,
  });
  const agreed = row.status === "agreed" ? (page?.agreedRevision ?? null) : null;
  const agreedAt = agreed?.decisions[0]?.createdAt ?? null;
  return {
    ...toItem(row),
    agreed: agreed && agreedAt ? { ...shown(agreed), agreedAt: agreedAt.toISOString() } : null,
    pending:
      agreed && current && current.id !== agreed.id
        ? { ...shown(current), savedAt: current.createdAt.toISOString() }
        : null,
    proposal: {
      currentRevisionId: page?.currentRevisionId ?? null,
      agreedRevisionId: page?.agreedRevisionId ?? null,
      text: current?.text ?? "",
      fields: current ? proposal.parseFields(current.fields) : null,
    },
    votes: votes.map((v) => ({
      voter: v.voter.name,
      value: v.value,
      comment: v.comment,
      updatedAt: v.updatedAt.toISOString(),
    })),
  };
}
