/**
 * Records implementation evidence (how glibc implements each catalog function for one target,
 * read from a glibc checkout) as a `glibc-source` reference import, with history kept as for
 * the glibc manual's annotations (`lib/reference/import.ts`):
 *
 * - one transaction; a failure anywhere changes nothing;
 * - a function whose evidence is unchanged (same target, kind, path and syscall) keeps its row;
 *   a new or changed one gets a row of this import that becomes `Function.evidenceId`, the older
 *   row stays as history;
 * - a function that had evidence but is not in this import loses its current pointer (removed);
 * - the report counts added, changed, removed and unchanged, and an audit event
 *   `reference.import` records who ran it.
 *
 * `runEvidenceImport` is the whole command: check the checkout, compute the sysdeps search order,
 * check the syscalls.list files it will read, classify every function in the catalog (so names
 * glibc's tree lacks, such as libcap's `cap_set_proc`, are recorded as `absent`), and record.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { audit } from "@/lib/audit/log";
import { db, type DbClient, type Tx } from "@/lib/db";
import { EVIDENCE_KINDS } from "@/lib/evidence/agreement";
import {
  classifyFunctions,
  fsSourceTree,
  GLIBC_SOURCE_SUBDIRS,
  type Evidence,
  type SourceTree,
} from "@/lib/evidence/classify";
import {
  candidateDirectories,
  fsSysdepsTree,
  parseTarget,
  sysdepsSearchOrder,
  type SysdepsTree,
} from "@/lib/evidence/search-order";
import type { Progress } from "@/lib/reference/run-import";

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

function inTransaction<T>(client: DbClient, run: (tx: Tx) => Promise<T>): Promise<T> {
  return "$transaction" in client ? client.$transaction(run, { timeout: 120_000, maxWait: 30_000 }) : run(client);
}

function parseOptions(options: EvidenceImportOptions) {
  const parsed = evidenceImportOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new EvidenceImportError(`--${String(issue.path[0] ?? "option")}: ${issue.message}`);
  }
  return parsed.data;
}

/** Validated rows, first per name. */
function parseRows(rows: Evidence[]): Map<string, z.output<typeof evidenceRowSchema>> {
  const byName = new Map<string, z.output<typeof evidenceRowSchema>>();
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
  rows: Evidence[],
  options: EvidenceImportOptions,
  client: DbClient = db,
): Promise<EvidenceImportReport> {
  const opts = parseOptions(options);
  const byName = parseRows(rows);
  return inTransaction(client, async (tx) => {
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
      select: { functionId: true, target: true, kind: true, path: true, syscall: true },
    });
    const currentByFunction = new Map(current.map((e) => [e.functionId, e]));
    const fresh: {
      functionId: number;
      importId: number;
      target: string;
      kind: string;
      path: string;
      syscall: string;
    }[] = [];
    const kinds: Record<string, number> = {};
    let added = 0;
    let changed = 0;
    for (const row of byName.values()) {
      kinds[row.kind] = (kinds[row.kind] ?? 0) + 1;
      const functionId = ids.get(row.function)!;
      const existing = currentByFunction.get(functionId);
      if (!existing) added++;
      else if (
        existing.target !== opts.target ||
        existing.kind !== row.kind ||
        existing.path !== row.path ||
        existing.syscall !== row.syscall
      )
        changed++;
      else continue;
      fresh.push({
        functionId,
        importId: imp.id,
        target: opts.target,
        kind: row.kind,
        path: row.path,
        syscall: row.syscall,
      });
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

// ---------------------------------------------------------------------------------------------
// The command

/** The checkout's absolute path, or an error naming what is wrong with it. */
export function checkCheckout(root: string): string {
  const abs = path.resolve(root);
  const info = fs.statSync(abs, { throwIfNoEntry: false });
  if (!info) throw new EvidenceImportError(`${root}: no such file or directory`);
  if (!info.isDirectory())
    throw new EvidenceImportError(`${root}: not a directory (give the top directory of a glibc checkout)`);
  if (!fs.statSync(path.join(abs, "sysdeps"), { throwIfNoEntry: false })?.isDirectory()) {
    throw new EvidenceImportError(`${root}: not a glibc checkout (no sysdeps/ directory)`);
  }
  return abs;
}

/** "a/b/c" -> ["a/b/c", "a/b", "a"]. */
function ancestors(dir: string): string[] {
  const parts = dir.split("/").filter(Boolean);
  return parts.map((_, i) => parts.slice(0, parts.length - i).join("/"));
}

/** The sysdeps search order for the target, refusing a target the tree has no directory for. */
export function searchOrderFor(target: string, tree: SysdepsTree, root = "."): string[] {
  let candidates: string[];
  let parsed: ReturnType<typeof parseTarget>;
  try {
    parsed = parseTarget(target);
    candidates = candidateDirectories(target);
  } catch (error) {
    throw new EvidenceImportError(`--target: ${(error as Error).message}`);
  }
  // configure refuses a host whose machine or OS has no sysdeps directory; so does the import,
  // rather than classify with half a search order.
  const sysdeps = path.join(root, "sysdeps");
  const machineDirs = ancestors(parsed.machine);
  if (!machineDirs.some((d) => tree.exists(d))) {
    throw new EvidenceImportError(
      `${sysdeps}: no machine directory for target ${target} (looked for ` +
        `${machineDirs.map((d) => `sysdeps/${d}`).join(", ")}; the machine directory is derived as ` +
        `glibc's preconfigure fragments do for x86_64, i386–i786 and aarch64, and is the CPU name otherwise)`,
    );
  }
  if (parsed.baseOs && !tree.exists(parsed.baseOs)) {
    throw new EvidenceImportError(
      `${sysdeps}: no operating-system directory for target ${target} (looked for sysdeps/${parsed.baseOs})`,
    );
  }
  if (!candidates.some((d) => tree.exists(d))) {
    throw new EvidenceImportError(
      `${sysdeps}: no directory for target ${target}: none of the ${candidates.length} directories ` +
        `configure would try exists`,
    );
  }
  return sysdepsSearchOrder(target, tree);
}

/**
 * Checks every syscalls.list the classifier will read (those of the search directories): each
 * line that is not blank or a comment needs at least the five columns file, caller, syscall
 * name, args and strong name. A shorter line is refused with `file:line`.
 */
export function checkSyscallsLists(tree: SourceTree, order: string[], root = ""): void {
  for (const dir of order.map((d) => `sysdeps/${d}`)) {
    if (!tree.listDir(dir).includes("syscalls.list")) continue;
    const text = tree.readFile(`${dir}/syscalls.list`);
    const file = root ? path.join(root, dir, "syscalls.list") : `${dir}/syscalls.list`;
    if (text === null) throw new EvidenceImportError(`${file}: cannot be read`);
    text.split("\n").forEach((raw, i) => {
      const words = raw
        .replace(/#.*$/, "")
        .trim()
        .split(/\s+/)
        .filter((w) => w);
      if (words.length > 0 && words.length < 5) {
        throw new EvidenceImportError(
          `${file}:${i + 1}: expected at least 5 columns (file, caller, syscall name, args, strong ` +
            `name), found ${words.length}: ${JSON.stringify(raw.trim())}`,
        );
      }
    });
  }
}

const CLASSIFY_BATCH = 250;

/**
 * Reads a glibc checkout and records the evidence for every catalog function, for `target`.
 * Everything is checked and classified before the one write transaction.
 */
export async function runEvidenceImport(
  root: string,
  options: { source: string; target?: string; importedById?: number | null },
  progress: Progress = () => {},
  client: DbClient = db,
): Promise<EvidenceImportReport & { order: string[] }> {
  const target = options.target ?? DEFAULT_TARGET;
  parseOptions({ source: options.source, target, origin: root, importedById: options.importedById });
  const abs = checkCheckout(root);
  const order = searchOrderFor(target, fsSysdepsTree(abs), root);
  const tree = fsSourceTree(abs);
  checkSyscallsLists(tree, order, root);
  const names = (await client.function.findMany({ select: { name: true }, orderBy: { name: "asc" } })).map(
    (f) => f.name,
  );
  if (names.length === 0)
    throw new EvidenceImportError(
      "the catalog has no functions yet: run `npm run seed` (or import the glibc manual) first",
    );
  const batches = Math.ceil(names.length / CLASSIFY_BATCH);
  const total = batches + 2;
  progress({
    done: 0,
    total,
    message: `search order for ${target}: ${order.length} directories (${order.slice(0, 3).join(", ")}, …)`,
  });
  const rows: Evidence[] = [];
  for (let b = 0; b < batches; b++) {
    const batch = names.slice(b * CLASSIFY_BATCH, (b + 1) * CLASSIFY_BATCH);
    progress({
      done: 1 + b,
      total,
      message:
        `classifying functions ${b * CLASSIFY_BATCH + 1}–${b * CLASSIFY_BATCH + batch.length}` + ` of ${names.length}`,
    });
    rows.push(...classifyFunctions(batch, tree, order, GLIBC_SOURCE_SUBDIRS));
  }
  progress({ done: batches + 1, total, message: `recording evidence for ${rows.length} functions` });
  const report = await importEvidence(
    rows,
    { source: options.source, origin: abs, target, importedById: options.importedById ?? null },
    client,
  );
  return { ...report, order };
}
