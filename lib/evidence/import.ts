/**
 * Records implementation evidence (how glibc implements each catalog function for one target,
 * read from a glibc checkout) as a `glibc-source` reference import, with history kept as for
 * the glibc manual's annotations (`lib/reference/import.ts`):
 *
 * - one transaction; a failure anywhere changes nothing;
 * - a function whose evidence is unchanged (same target and facts: kind, path, syscall, provider,
 *   line, syscalls, via and flags) keeps its row;
 *   a new or changed one gets a row of this import that becomes `Function.evidenceId`, the older
 *   row stays as history;
 * - a function that had evidence but is not in this import loses its current pointer (removed);
 * - the report counts added, changed, removed and unchanged, and an audit event
 *   `reference.import` records who ran it.
 *
 * The command that reads a checkout and calls this is `runEvidenceImport` (`lib/evidence/run-import.ts`).
 */
import { z } from "zod";
import { audit } from "@/lib/audit/log";
import { db, inImportTransaction, type DbClient } from "@/lib/db";
import { exactEvidenceSelect } from "@/lib/evidence/describe";
import { EVIDENCE_KINDS } from "@/lib/evidence/agreement";
import type { Evidence } from "@/lib/evidence/classify";

/** A refusal with a message that names the file (and line) or the option at fault; nothing was written. */
export class EvidenceImportError extends Error {}

export const DEFAULT_TARGET = "x86_64-linux-gnu";

export const targetSchema = z
  .string()
  .trim()
  .min(1, "Name a target triple such as x86_64-linux-gnu.")
  .max(100)
  .regex(/^[A-Za-z0-9_.]+(?:-[A-Za-z0-9_.]+){1,3}$/, "A target triple such as x86_64-linux-gnu.");

export const evidenceImportOptionsSchema = z.object({
  /** Commit (40 hex digits, used for links) or release the checkout is at. */
  source: z.string().trim().min(1, "Name the commit or release the checkout is at.").max(200),
  /** The checkout read. */
  origin: z.string().max(1000).default(""),
  target: targetSchema,
  importedById: z.number().int().positive().nullable().optional(),
});
export type EvidenceImportOptions = z.input<typeof evidenceImportOptionsSchema>;

const evidenceRowSchema = z
  .object({
    function: z.string().min(1).max(100),
    kind: z.enum(EVIDENCE_KINDS),
    path: z.string().max(500),
    syscall: z.string().max(100),
    provider: z.string().max(500).default(""),
    line: z.number().int().min(0).default(0),
    syscalls: z.array(z.string().min(1).max(100)).max(20).default([]),
    via: z.array(z.string().min(1).max(100)).max(20).default([]),
    flags: z.array(z.string().min(1).max(40)).max(10).default([]),
  })
  .refine((row) => (row.kind === "absent") === (row.path === ""), {
    message: "absent evidence has no path, and every other kind has one",
  });

export interface EvidenceImportReport {
  importId: number;
  kind: "glibc_source";
  target: string;
  total: number;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  /** How many functions of this import have each kind. */
  kinds: Record<string, number>;
}

/** The options, or an EvidenceImportError naming the first one at fault as the command line spells it. */
export function parseEvidenceImportOptions(options: EvidenceImportOptions) {
  const parsed = evidenceImportOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new EvidenceImportError(`--${String(issue.path[0] ?? "option")}: ${issue.message}`);
  }
  return parsed.data;
}

type EvidenceRow = z.output<typeof evidenceRowSchema>;
/** A row to record: the exact facts (provider, line, syscalls, via, flags) default to none. */
export type EvidenceInput = Pick<Evidence, "function" | "kind" | "path" | "syscall"> &
  Partial<Omit<Evidence, "function" | "kind" | "path" | "syscall">>;
const FACTS = ["kind", "path", "syscall", "provider", "line", "syscalls", "via", "flags"] as const;

/** Whether two rows state the same facts (arrays compared element by element). */
function sameFacts(a: Record<(typeof FACTS)[number], unknown>, b: Record<(typeof FACTS)[number], unknown>) {
  return FACTS.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

/** Validated rows, first per name. */
function parseRows(rows: EvidenceInput[]): Map<string, EvidenceRow> {
  const byName = new Map<string, EvidenceRow>();
  for (const row of rows) {
    const parsed = evidenceRowSchema.safeParse(row);
    if (!parsed.success)
      throw new EvidenceImportError(`${row.function || "(unnamed row)"}: ${parsed.error.issues[0]!.message}`);
    if (!byName.has(parsed.data.function)) byName.set(parsed.data.function, parsed.data);
  }
  return byName;
}

/**
 * Records one import of implementation evidence in a single transaction. Every row must name a
 * function in the catalog; evidence does not add functions.
 */
export async function importEvidence(
  rows: EvidenceInput[],
  options: EvidenceImportOptions,
  client: DbClient = db,
): Promise<EvidenceImportReport> {
  const opts = parseEvidenceImportOptions(options);
  const byName = parseRows(rows);
  return inImportTransaction(client, async (tx) => {
    // One evidence import at a time, so "current" is read and moved by one import only.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('afterfork.glibc-source-import'))`;
    const names = [...byName.keys()];
    const fns = await tx.function.findMany({ where: { name: { in: names } }, select: { id: true, name: true } });
    const ids = new Map(fns.map((fn) => [fn.name, fn.id]));
    const unknown = names.filter((n) => !ids.has(n));
    if (unknown.length) {
      throw new EvidenceImportError(
        `${unknown.slice(0, 5).join(", ")}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ""}: ` +
          "not in the catalog (evidence is recorded only for catalog functions)",
      );
    }
    const imp = await tx.referenceImport.create({
      data: { kind: "glibc_source", source: opts.source, origin: opts.origin, importedById: opts.importedById ?? null },
    });
    const current = await tx.implementationEvidence.findMany({
      where: { currentOf: { isNot: null } },
      select: { functionId: true, target: true, ...exactEvidenceSelect },
    });
    const currentByFunction = new Map(current.map((e) => [e.functionId, e]));
    const fresh: ({ functionId: number; importId: number; target: string } & Omit<EvidenceRow, "function">)[] = [];
    const kinds: Record<string, number> = {};
    let added = 0;
    let changed = 0;
    for (const row of byName.values()) {
      kinds[row.kind] = (kinds[row.kind] ?? 0) + 1;
      const functionId = ids.get(row.function)!;
      const existing = currentByFunction.get(functionId);
      if (!existing) added++;
      else if (existing.target !== opts.target || !sameFacts(existing, row)) changed++;
      else continue;
      const facts = Object.fromEntries(FACTS.map((k) => [k, row[k]])) as Omit<EvidenceRow, "function">;
      fresh.push({ functionId, importId: imp.id, target: opts.target, ...facts });
    }
    await tx.implementationEvidence.createMany({ data: fresh });
    await tx.$executeRaw`
      UPDATE functions f SET evidence_id = e.id, updated_at = now()
      FROM implementation_evidence e WHERE e.import_id = ${imp.id} AND e.function_id = f.id`;
    const removed = await tx.function.updateMany({
      where: { evidenceId: { not: null }, id: { notIn: [...ids.values()] } },
      data: { evidenceId: null, updatedAt: new Date() },
    });
    await tx.referenceImport.update({ where: { id: imp.id }, data: { added, changed, removed: removed.count } });
    await audit(tx, {
      actorId: opts.importedById ?? null,
      action: "reference.import",
      targetType: "reference_import",
      targetId: imp.id,
      details: {
        kind: "glibc-source",
        source: opts.source,
        target: opts.target,
        origin: opts.origin,
        added,
        changed,
        removed: removed.count,
      },
    });
    return {
      importId: imp.id,
      kind: "glibc_source" as const,
      target: opts.target,
      total: byName.size,
      added,
      changed,
      removed: removed.count,
      unchanged: byName.size - added - changed,
      kinds,
    };
  });
}
