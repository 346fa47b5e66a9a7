import { db, type DbClient, type Tx } from "@/lib/db";
import type { ReferenceKind } from "@/lib/generated/prisma/client";
import type { GlibcAnnotationRow } from "@/lib/reference/texinfo";
import type { PosixRow } from "@/lib/reference/manpage";

export interface ImportOptions {
  /** Commit, release or document the facts come from. */
  source: string;
  /** The file or directory read. */
  origin: string;
  importedById?: number | null;
}

export interface ImportReport {
  importId: number;
  kind: ReferenceKind;
  total: number;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}

function firstPerName<T extends { function: string }>(rows: T[]): Map<string, T> {
  const byName = new Map<string, T>();
  for (const row of rows) if (!byName.has(row.function)) byName.set(row.function, row);
  return byName;
}

async function ensureFunctions(tx: Tx, names: string[]): Promise<Map<string, number>> {
  await tx.function.createMany({ data: names.map((name) => ({ name })), skipDuplicates: true });
  const fns = await tx.function.findMany({ where: { name: { in: names } }, select: { id: true, name: true } });
  return new Map(fns.map((fn) => [fn.name, fn.id]));
}

function inTransaction<T>(client: DbClient, run: (tx: Tx) => Promise<T>): Promise<T> {
  return "$transaction" in client ? client.$transaction(run, { timeout: 120_000, maxWait: 30_000 }) : run(client);
}

const sameGlibc = (
  a: GlibcAnnotationRow,
  b: {
    mt: string;
    as: string;
    ac: string;
    mtNotes: string;
    asNotes: string;
    acNotes: string;
    preliminary: boolean;
    declaredAs: string;
  },
) =>
  a.mt === b.mt &&
  a.as === b.as &&
  a.ac === b.ac &&
  a.mtNotes === b.mtNotes &&
  a.asNotes === b.asNotes &&
  a.acNotes === b.acNotes &&
  a.preliminary === b.preliminary &&
  a.kind === b.declaredAs;

/**
 * Records one import of the glibc manual's annotations in a single
 * transaction. Unchanged annotations keep their row; a changed one gets a new
 * row that becomes current while the old one stays as history; functions the
 * import no longer documents lose their current annotation.
 */
export async function importGlibcAnnotations(
  rows: GlibcAnnotationRow[],
  options: ImportOptions,
  client: DbClient = db,
): Promise<ImportReport> {
  const byName = firstPerName(rows);
  return inTransaction(client, async (tx) => {
    const ids = await ensureFunctions(tx, [...byName.keys()]);
    const imp = await tx.referenceImport.create({
      data: {
        kind: "glibc_manual",
        source: options.source,
        origin: options.origin,
        importedById: options.importedById ?? null,
      },
    });
    const current = await tx.glibcAnnotation.findMany({ where: { currentOf: { isNot: null } } });
    const currentByFunction = new Map(current.map((a) => [a.functionId, a]));
    const fresh: GlibcAnnotationRow[] = [];
    let added = 0;
    let changed = 0;
    for (const row of byName.values()) {
      const existing = currentByFunction.get(ids.get(row.function)!);
      if (!existing) added++;
      else if (!sameGlibc(row, existing)) changed++;
      else continue;
      fresh.push(row);
    }
    await tx.glibcAnnotation.createMany({
      data: fresh.map((row) => ({
        functionId: ids.get(row.function)!,
        importId: imp.id,
        mt: row.mt,
        as: row.as,
        ac: row.ac,
        mtNotes: row.mtNotes,
        asNotes: row.asNotes,
        acNotes: row.acNotes,
        preliminary: row.preliminary,
        declaredAs: row.kind,
        texiFile: row.texiFile,
        line: row.line,
      })),
    });
    await tx.$executeRaw`
      UPDATE functions f SET glibc_annotation_id = a.id, updated_at = now()
      FROM glibc_annotations a WHERE a.import_id = ${imp.id} AND a.function_id = f.id`;
    const documented = [...ids.values()];
    const removed = await tx.function.updateMany({
      where: { glibcAnnotationId: { not: null }, id: { notIn: documented } },
      data: { glibcAnnotationId: null, updatedAt: new Date() },
    });
    await tx.referenceImport.update({ where: { id: imp.id }, data: { added, changed, removed: removed.count } });
    return {
      importId: imp.id,
      kind: "glibc_manual",
      total: byName.size,
      added,
      changed,
      removed: removed.count,
      unchanged: byName.size - added - changed,
    };
  });
}

/** Records one import of the POSIX async-signal-safe list; history is kept as for the glibc manual. */
export async function importPosixList(
  rows: PosixRow[],
  options: ImportOptions,
  client: DbClient = db,
): Promise<ImportReport> {
  const byName = firstPerName(rows);
  return inTransaction(client, async (tx) => {
    const ids = await ensureFunctions(tx, [...byName.keys()]);
    const imp = await tx.referenceImport.create({
      data: {
        kind: "posix_list",
        source: options.source,
        origin: options.origin,
        importedById: options.importedById ?? null,
      },
    });
    const current = await tx.posixEntry.findMany({ where: { currentOf: { isNot: null } } });
    const currentByFunction = new Map(current.map((e) => [e.functionId, e]));
    const fresh: PosixRow[] = [];
    let added = 0;
    let changed = 0;
    for (const row of byName.values()) {
      const existing = currentByFunction.get(ids.get(row.function)!);
      if (!existing) added++;
      else if (
        existing.status !== row.status ||
        existing.note !== row.note ||
        existing.manSection !== row.manSection ||
        existing.remark !== row.remark
      )
        changed++;
      else continue;
      fresh.push(row);
    }
    await tx.posixEntry.createMany({
      data: fresh.map((row) => ({
        functionId: ids.get(row.function)!,
        importId: imp.id,
        status: row.status,
        note: row.note,
        manSection: row.manSection,
        remark: row.remark,
      })),
    });
    await tx.$executeRaw`
      UPDATE functions f SET posix_entry_id = e.id, updated_at = now()
      FROM posix_entries e WHERE e.import_id = ${imp.id} AND e.function_id = f.id`;
    const removed = await tx.function.updateMany({
      where: { posixEntryId: { not: null }, id: { notIn: [...ids.values()] } },
      data: { posixEntryId: null, updatedAt: new Date() },
    });
    await tx.referenceImport.update({ where: { id: imp.id }, data: { added, changed, removed: removed.count } });
    return {
      importId: imp.id,
      kind: "posix_list",
      total: byName.size,
      added,
      changed,
      removed: removed.count,
      unchanged: byName.size - added - changed,
    };
  });
}
