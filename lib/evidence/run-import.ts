/**
 * The evidence import as a command: check the checkout, compute the sysdeps search order, check the
 * syscalls.list files it will read, classify every function in the catalog (so names glibc's tree
 * lacks, such as libcap's `cap_set_proc`, are recorded as `absent`), and record them with
 * `importEvidence`.
 */
import fs from "node:fs";
import path from "node:path";
import { db, type DbClient } from "@/lib/db";
import { createClassifier, type Evidence } from "@/lib/evidence/classify";
import {
  DEFAULT_TARGET,
  EvidenceImportError,
  importEvidence,
  parseEvidenceImportOptions,
  type EvidenceImportReport,
} from "@/lib/evidence/import";
import {
  candidateDirectories,
  fsSysdepsTree,
  parseTarget,
  sysdepsSearchOrder,
  type SysdepsTree,
} from "@/lib/evidence/search-order";
import { fsSourceTree, GLIBC_SOURCE_SUBDIRS, type SourceTree } from "@/lib/evidence/source-tree";
import type { Progress } from "@/lib/reference/run-import";

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
  parseEvidenceImportOptions({ source: options.source, target, origin: root, importedById: options.importedById });
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
  const classify = createClassifier(tree, order, GLIBC_SOURCE_SUBDIRS, target);
  for (let b = 0; b < batches; b++) {
    const batch = names.slice(b * CLASSIFY_BATCH, (b + 1) * CLASSIFY_BATCH);
    progress({
      done: 1 + b,
      total,
      message:
        `classifying functions ${b * CLASSIFY_BATCH + 1}–${b * CLASSIFY_BATCH + batch.length}` + ` of ${names.length}`,
    });
    rows.push(...batch.map(classify));
  }
  progress({ done: batches + 1, total, message: `recording evidence for ${rows.length} functions` });
  const report = await importEvidence(
    rows,
    { source: options.source, origin: abs, target, importedById: options.importedById ?? null },
    client,
  );
  return { ...report, order };
}
