/**
 * The evidence shipped in `data/evidence/<target>.tsv`: what the classifier read from a real glibc
 * checkout for every function of the default catalog, so that a fresh site shows evidence without a
 * checkout. `scripts/evidence-data.ts` writes it; the seed loads it (`lib/seed`).
 *
 * Format: `# source:` and `# target:` comment lines, then a header and one row per function:
 * function, kind, path, provider, line, syscalls, via, flags (lists comma-separated, "" for none).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { EVIDENCE_KINDS } from "@/lib/evidence/agreement";
import type { Evidence } from "@/lib/evidence/classify";
import { LINTED_2014, THREAD_ESTIMATES } from "@/lib/seed/content";
import { parseLinted2017 } from "@/lib/seed/linted";
import { PROJECT_NEEDS, readNeedsTsv } from "@/lib/seed/project-needs";
import { parseGlibcManualTsv, parsePosixTsv } from "@/lib/reference/tsv";

export const EVIDENCE_COMMIT = "04e750e75b73957cf1c791535a3f4319534a52fc";
export const EVIDENCE_SOURCE = `glibc ${EVIDENCE_COMMIT} (source tree)`;
export const EVIDENCE_DIR = path.join(process.cwd(), "data", "evidence");
export const EVIDENCE_TSV = path.join(EVIDENCE_DIR, "x86_64-linux-gnu.tsv");
export const VERIFIED_MD = path.join(EVIDENCE_DIR, "VERIFIED.md");

const COLUMNS = ["function", "kind", "path", "provider", "line", "syscalls", "via", "flags"] as const;

export type EvidenceDataRow = Omit<Evidence, "followed">;

export interface EvidenceDataFile {
  source: string;
  target: string;
  rows: EvidenceDataRow[];
}

const list = (cell: string | undefined) => (cell ? cell.split(",").filter(Boolean) : []);

export function formatEvidenceTsv(file: EvidenceDataFile): string {
  const lines = [`# source: ${file.source}`, `# target: ${file.target}`, COLUMNS.join("\t")];
  for (const r of [...file.rows].sort((a, b) => (a.function < b.function ? -1 : 1))) {
    const cells = [r.function, r.kind, r.path, r.provider, String(r.line), r.syscalls.join(","), r.via.join(",")];
    lines.push([...cells, r.flags.join(",")].join("\t"));
  }
  return `${lines.join("\n")}\n`;
}

export function parseEvidenceTsv(text: string, file = "evidence TSV"): EvidenceDataFile {
  let source = "";
  let target = "";
  const rows: EvidenceDataRow[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.replace(/\r$/, "");
    const comment = /^#\s*(source|target):\s*(.*)$/.exec(line);
    if (comment) {
      if (comment[1] === "source") source = (comment[2] as string).trim();
      else target = (comment[2] as string).trim();
      return;
    }
    if (!line.trim() || line.startsWith("#") || line.startsWith("function\t")) return;
    const cells = line.split("\t");
    const [fn, kind, p, provider, lineNo, syscalls, via, flags] = cells;
    if (cells.length !== COLUMNS.length || !fn || !(EVIDENCE_KINDS as readonly string[]).includes(kind ?? "")) {
      throw new Error(`${file}:${i + 1}: expected ${COLUMNS.join(", ")} with a known kind`);
    }
    const sys = list(syscalls);
    rows.push({
      function: fn,
      kind: kind as Evidence["kind"],
      path: p ?? "",
      syscall: sys[0] ?? "",
      provider: provider ?? "",
      line: Number(lineNo) || 0,
      syscalls: sys,
      via: list(via),
      flags: list(flags),
    });
  });
  if (!source || !target) throw new Error(`${file}: needs "# source:" and "# target:" lines`);
  return { source, target, rows };
}

export function readEvidenceTsv(file = EVIDENCE_TSV): EvidenceDataFile {
  return parseEvidenceTsv(readFileSync(file, "utf8"), path.relative(process.cwd(), file));
}

/** Every function name the seed puts in the catalog, read from `data/` (manual, POSIX list, needs lists, thread). */
export function defaultCatalogNames(dataDir = path.join(process.cwd(), "data")): string[] {
  const read = (...p: string[]) => readFileSync(path.join(dataDir, ...p), "utf8");
  const names = new Set<string>();
  const manual = path.join("reference", "glibc-manual-safety.tsv");
  const posix = path.join("reference", "posix-async-signal-safe.tsv");
  for (const r of parseGlibcManualTsv(read(manual), manual)) names.add(r.function);
  for (const r of parsePosixTsv(read(posix), posix)) names.add(r.function);
  for (const item of PROJECT_NEEDS)
    for (const r of readNeedsTsv(path.join(dataDir, "needs"), item.files)) names.add(r.function);
  for (const r of [...LINTED_2014.rows, ...parseLinted2017(read("needs", "linted-2017.txt"))]) names.add(r.function);
  for (const t of THREAD_ESTIMATES) names.add(t.name);
  return [...names].sort();
}
