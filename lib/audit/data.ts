import { firstValues } from "@/lib/server/http/search-params";
import { z } from "zod";
import { db, type DbClient } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export const AUDIT_PAGE_SIZE = 100;
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

export const auditQuerySchema = z.object({
  action: z
    .string()
    .regex(/^[a-z.]+$/)
    .max(40)
    .optional()
    .catch(undefined),
  actor: z.coerce.number().int().positive().optional().catch(undefined),
  since: date,
  until: date,
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export function parseAuditQuery(params: Record<string, string | string[] | undefined>): AuditQuery {
  const flat = firstValues(params);
  return auditQuerySchema.parse(flat);
}

function where(query: AuditQuery): Prisma.AuditEventWhereInput {
  return {
    ...(query.action ? { action: { startsWith: query.action } } : {}),
    ...(query.actor ? { actorId: query.actor } : {}),
    createdAt: {
      ...(query.since ? { gte: new Date(`${query.since}T00:00:00Z`) } : {}),
      ...(query.until ? { lt: new Date(new Date(`${query.until}T00:00:00Z`).getTime() + 86_400_000) } : {}),
    },
  };
}

/** Audit events, newest first; `limit` null means all of them (for the CSV export). */
export async function listAudit(query: AuditQuery, limit: number | null = AUDIT_PAGE_SIZE, client: DbClient = db) {
  return client.auditEvent.findMany({
    where: where(query),
    orderBy: { id: "desc" },
    ...(limit === null ? {} : { take: limit + 1, skip: (query.page - 1) * limit }),
    include: { actor: { select: { id: true, name: true, email: true } } },
  });
}

/** The people who appear in the audit trail, for its filter. */
export async function listAuditActors(client: DbClient = db) {
  return client.user.findMany({
    where: { auditEvents: { some: {} } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

function csvCell(value: string): string {
  // Quote every cell, and defuse spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export async function auditCsv(query: AuditQuery, client: DbClient = db): Promise<string> {
  const events = await listAudit(query, null, client);
  const header = ["id", "time", "actor", "action", "target_type", "target_id", "details"];
  const lines = events.map((e) =>
    [
      String(e.id),
      e.createdAt.toISOString(),
      e.actor ? `${e.actor.name} <${e.actor.email}>` : "system",
      e.action,
      e.targetType,
      e.targetId,
      JSON.stringify(e.details),
    ]
      .map(csvCell)
      .join(","),
  );
  return [header.join(","), ...lines].join("\r\n") + "\r\n";
}
