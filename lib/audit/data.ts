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

export function auditWhere(query: AuditQuery): Prisma.AuditEventWhereInput {
  return {
    ...(query.action ? { action: { startsWith: query.action } } : {}),
    ...(query.actor ? { actorId: query.actor } : {}),
    createdAt: {
      ...(query.since ? { gte: new Date(`${query.since}T00:00:00Z`) } : {}),
      ...(query.until ? { lt: new Date(new Date(`${query.until}T00:00:00Z`).getTime() + 86_400_000) } : {}),
    },
  };
}

/**
 * Who did it, as the audit trail shows them: the name, and the email only
 * for admins (the trail is public; an address is not).
 */
export function auditActorLabel(actor: { name: string; email: string } | null, withEmails: boolean): string {
  if (!actor) return "system";
  return withEmails ? `${actor.name} <${actor.email}>` : actor.name;
}

/** One page of audit events, newest first, with one more row than the page to tell whether an older page exists. */
export async function listAudit(query: AuditQuery, client: DbClient = db) {
  return client.auditEvent.findMany({
    where: auditWhere(query),
    orderBy: { id: "desc" },
    take: AUDIT_PAGE_SIZE + 1,
    skip: (query.page - 1) * AUDIT_PAGE_SIZE,
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
