import { db, inImportTransaction, type DbClient, type Tx } from "@/lib/db";
import { Prisma, type GlibcAnnotation, type PosixEntry, type ReferenceKind } from "@/lib/generated/prisma/client";
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

const sameGlibc = (a: GlibcAnnotationRow, b: GlibcAnnotation) =>
  a.mt === b.mt &&
  a.as === b.as &&
  a.ac === b.ac &&
  a.mtNotes === b.mtNotes &&
  a.asNotes === b.asNotes &&
  a.acNotes === b.acNotes &&
  a.preliminary === b.preliminary &&
  a.kind === b.declaredAs;

/** What differs between the kinds of reference import; recordImport does the rest. */
interface ImportKind<Row, Current extends { functionId: number }> {
  kind: ReferenceKind;
  loadCurrent: (tx: Tx) => Promise<Current[]>;
  same: (row: Row, current: Current) => boolean;
  createRows: (tx: Tx, importId: number, rows: { row: Row; functionId: number }[]) => Promise<void>;
  /** Points each function at this import's row and unlinks the ones it no longer names; returns how many. */
  relink: (tx: Tx, importId: number, documented: number[]) => Promise<number>;
}

/**
 * Records one import in a single transaction. Unchanged facts keep their
 * row; a changed one gets a new row that becomes current while the old one
 * stays as history; functions the import no longer documents lose their
 * current fact.
 */
async function recordImport<Row extends { function: string }, Current extends { functionId: number }>(
  spec: ImportKind<Row, Current>,
  rows: Row[],
  options: ImportOptions,
  client: DbClient,
): Promise<ImportReport> {
  const byName = firstPerName(rows);
  return inImportTransaction(client, async (tx) => {
    const ids = await ensureFunctions(tx, [...byName.keys()]);
    const imp = await tx.referenceImport.create({
      data: {
        kind: spec.kind,
        source: options.source,
        origin: options.origin,
        importedById: options.importedById ?? null,
      },
    });
    const currentByFunction = new Map((await spec.loadCurrent(tx)).map((c) => [c.functionId, c]));
    const fresh: { row: Row; functionId: number }[] = [];
    let added = 0;
    let changed = 0;
    for (const row of byName.values()) {
      const functionId = ids.get(row.function)!;
      const existing = currentByFunction.get(functionId);
      if (!existing) added++;
      else if (!spec.same(row, existing)) changed++;
      else continue;
      fresh.push({ row, functionId });
    }
    await spec.createRows(tx, imp.id, fresh);
    const removed = await spec.relink(tx, imp.id, [...ids.values()]);
    await tx.referenceImport.update({ where: { id: imp.id }, data: { added, changed, removed } });
    const total = byName.size;
    return { importId: imp.id, kind: spec.kind, total, added, changed, removed, unchanged: total - added - changed };
  });
}

/** Points each function at the import's row in `table` and unlinks those the import does not name; returns how many. */
async function relink(
  tx: Tx,
  importId: number,
  documented: number[],
  column: "glibc_annotation_id" | "posix_entry_id",
  table: "glibc_annotations" | "posix_entries",
): Promise<number> {
  const [col, rows] = [Prisma.raw(column), Prisma.raw(table)];
  await tx.$executeRaw`
    UPDATE functions f SET ${col} = r.id, updated_at = now()
      FROM ${rows} r WHERE r.import_id = ${importId} AND r.function_id = f.id`;
  return tx.$executeRaw`
    UPDATE functions SET ${col} = NULL, updated_at = now()
     WHERE ${col} IS NOT NULL AND NOT (id = ANY(${documented}::int[]))`;
}

const glibcManual: ImportKind<GlibcAnnotationRow, GlibcAnnotation> = {
  kind: "glibc_manual",
  loadCurrent: (tx) => tx.glibcAnnotation.findMany({ where: { currentOf: { isNot: null } } }),
  same: sameGlibc,
  createRows: async (tx, importId, rows) => {
    await tx.glibcAnnotation.createMany({
      data: rows.map(({ row, functionId }) => ({
        functionId,
        importId,
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
  },
  relink: (tx, importId, documented) => relink(tx, importId, documented, "glibc_annotation_id", "glibc_annotations"),
};

const posixList: ImportKind<PosixRow, PosixEntry> = {
  kind: "posix_list",
  loadCurrent: (tx) => tx.posixEntry.findMany({ where: { currentOf: { isNot: null } } }),
  same: (row, current) =>
    current.status === row.status &&
    current.note === row.note &&
    current.manSection === row.manSection &&
    current.remark === row.remark,
  createRows: async (tx, importId, rows) => {
    await tx.posixEntry.createMany({
      data: rows.map(({ row, functionId }) => ({
        functionId,
        importId,
        status: row.status,
        note: row.note,
        manSection: row.manSection,
        remark: row.remark,
      })),
    });
  },
  relink: (tx, importId, documented) => relink(tx, importId, documented, "posix_entry_id", "posix_entries"),
};

/** Records one import of the glibc manual's annotations. */
export function importGlibcAnnotations(rows: GlibcAnnotationRow[], options: ImportOptions, client: DbClient = db) {
  return recordImport(glibcManual, rows, options, client);
}

/** Records one import of the POSIX async-signal-safe list; history is kept as for the glibc manual. */
export function importPosixList(rows: PosixRow[], options: ImportOptions, client: DbClient = db) {
  return recordImport(posixList, rows, options, client);
}
