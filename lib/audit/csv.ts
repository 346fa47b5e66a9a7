import { db, type DbClient } from "@/lib/db";
import { auditActorLabel, auditWhere, type AuditQuery } from "@/lib/audit/data";

/** Rows read per query: the export streams the trail in batches, never the whole table at once. */
export const AUDIT_CSV_BATCH = 1000;

const HEADER = ["id", "time", "actor", "action", "target_type", "target_id", "details"];

function csvCell(value: string): string {
  // Quote every cell, and defuse spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * The audit trail matching `query` as CSV, newest first, streamed batch by
 * batch (keyset on the id, so each batch is one indexed query however long
 * the trail). Emails appear only when `withEmails` (admins).
 */
export function auditCsvStream(
  query: AuditQuery,
  options: { withEmails: boolean },
  client: DbClient = db,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let before: bigint | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`${HEADER.join(",")}\r\n`));
        return;
      }
      const where = auditWhere(query);
      const events = await client.auditEvent.findMany({
        where: before === null ? where : { AND: [where, { id: { lt: before } }] },
        orderBy: { id: "desc" },
        take: AUDIT_CSV_BATCH,
        include: { actor: { select: { name: true, email: true } } },
      });
      const lines = events.map((e) =>
        [
          String(e.id),
          e.createdAt.toISOString(),
          auditActorLabel(e.actor, options.withEmails),
          e.action,
          e.targetType,
          e.targetId,
          JSON.stringify(e.details),
        ]
          .map(csvCell)
          .join(","),
      );
      if (lines.length) controller.enqueue(encoder.encode(`${lines.join("\r\n")}\r\n`));
      if (events.length < AUDIT_CSV_BATCH) controller.close();
      else before = events[events.length - 1]!.id;
    },
  });
}
