// npx tsx bench/import-manual.ts: times the glibc-manual importer on a
// manual-sized texinfo corpus. No glibc checkout ships with the project, so
// the corpus is generated from data/reference/glibc-manual-safety.tsv: one
// .texi file per manual file, one def group and @safety line per row, and a
// macros.texi that defines a note macro for every keyword in the data. The
// parsed rows are checked against the TSV before timing the import into a
// fresh database (first import, then an unchanged re-import).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { deployMigrations } from "../lib/server/migrations/engine";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "../lib/server/test-databases";
import { parseGlibcManualTsv } from "../lib/reference/tsv";
import type { GlibcAnnotationRow } from "../lib/reference/texinfo";

const TSV = path.join("data", "reference", "glibc-manual-safety.tsv");

function keywordOf(note: string): { keyword: string; arg: string } {
  const m = /^(!?[a-z0-9]+)(.*)$/i.exec(note);
  return { keyword: m?.[1] ?? note, arg: m?.[2] ?? "" };
}

/** Writes the corpus; returns how many .texi files and @safety lines it holds. */
function generate(rows: GlibcAnnotationRow[], dir: string): { files: number; safetyLines: number } {
  const keywords = new Set<string>();
  for (const r of rows)
    for (const n of `${r.mtNotes} ${r.asNotes} ${r.acNotes}`.split(/\s+/).filter(Boolean))
      keywords.add(keywordOf(n).keyword);
  // Texinfo command names are letters only.
  const letters = (i: number): string =>
    i < 26 ? String.fromCharCode(97 + i) : letters(Math.floor(i / 26) - 1) + letters(i % 26);
  const macroName = new Map([...keywords].map((k, i) => [k, `note${letters(i)}`]));
  const structural = [
    "prelim {comments}\nPreliminary:\n",
    "mtsafe {comments}\n| MT-Safe \\comments\\\n",
    "mtunsafe {comments}\n| MT-Unsafe \\comments\\\n",
    "assafe {comments}\n| AS-Safe \\comments\\\n",
    "asunsafe {comments}\n| AS-Unsafe \\comments\\\n",
    "acsafe {comments}\n| AC-Safe \\comments\\\n",
    "acunsafe {comments}\n| AC-Unsafe \\comments\\\n",
    "safety {notes}\n\\notes\\| @xref{POSIX Safety Concepts}.\n",
  ];
  const macros = [
    "@ifclear MACROS\n@set MACROS\n",
    ...structural.map((m) => `@macro ${m}\n@end macro\n`),
    ...[...macroName].map(([keyword, name]) => `@macro ${name} {comments}\n${keyword}\\comments\\\n@end macro\n`),
    "@end ifclear\n",
  ].join("\n");
  writeFileSync(path.join(dir, "macros.texi"), macros);
  const notes = (s: string) =>
    s
      .split(/\s+/)
      .filter(Boolean)
      .map((n) => {
        const { keyword, arg } = keywordOf(n);
        return `@${macroName.get(keyword)}{${arg}}`;
      })
      .join(" ");
  const byFile = new Map<string, GlibcAnnotationRow[]>();
  for (const r of rows) byFile.set(r.texiFile, [...(byFile.get(r.texiFile) ?? []), r]);
  let safetyLines = 0;
  for (const [file, group] of byFile) {
    const text = group.map((r) => {
      safetyLines++;
      const def = r.kind === "macro" ? `@defmac ${r.function} (@var{x})` : `@deftypefun int ${r.function} (void)`;
      const end = r.kind === "macro" ? "@end defmac" : "@end deftypefun";
      const safety =
        `${r.preliminary ? "@prelim{}" : ""}@mt${r.mt.toLowerCase()}{${notes(r.mtNotes)}}` +
        `@as${r.as.toLowerCase()}{${notes(r.asNotes)}}@ac${r.ac.toLowerCase()}{${notes(r.acNotes)}}`;
      return `${def}\n@standards{GNU, x.h}\n@safety{${safety}}\nText.\n${end}\n`;
    });
    writeFileSync(path.join(dir, file), `@node ${file}\n\n${text.join("\n")}`);
  }
  return { files: byFile.size + 1, safetyLines };
}

async function main(): Promise<void> {
  const rows = parseGlibcManualTsv(readFileSync(TSV, "utf8"), TSV);
  const dir = mkdtempSync(path.join(tmpdir(), "afterfork-manual-"));
  const name = uniqueDatabaseName("afterfork_benchimport");
  try {
    const { files, safetyLines } = generate(rows, dir);
    const url = await createDatabase(name);
    await deployMigrations(url);
    process.env.DATABASE_URL = url;
    const { db } = await import("../lib/db");
    const { readImportPath, runImport } = await import("../lib/reference/run-import");
    const { parseManualDirectory } = await import("../lib/reference/texinfo");
    let t = performance.now();
    const parsed = await parseManualDirectory(dir);
    const parseMs = performance.now() - t;
    const key = (r: GlibcAnnotationRow) =>
      [r.function, r.texiFile, r.mt, r.as, r.ac, r.mtNotes, r.asNotes, r.acNotes, r.preliminary, r.kind].join("|");
    const expected = new Set(rows.map(key));
    const mismatches =
      parsed.rows.filter((r) => !expected.has(key(r))).length + Math.abs(parsed.rows.length - rows.length);
    t = performance.now();
    const first = await runImport("glibc-manual", await readImportPath(dir), { source: "synthetic", origin: dir });
    const firstMs = performance.now() - t;
    t = performance.now();
    const again = await runImport("glibc-manual", await readImportPath(dir), {
      source: "synthetic again",
      origin: dir,
    });
    const againMs = performance.now() - t;
    await db.$disconnect();
    console.log(
      `| glibc-manual import of ${files} files, ${safetyLines} @safety lines | parse ` +
        `${parseMs.toFixed(0)} ms | first import (${first.added} added) ${(firstMs / 1000).toFixed(2)} ` +
        `s | re-import (${again.unchanged} unchanged) ${(againMs / 1000).toFixed(2)} s | rows differing ` +
        `from the TSV: ${mismatches} | target ≤ 10 s: ${firstMs <= 10_000 && againMs <= 10_000 ? "met" : "missed"} |`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await dropDatabase(name);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
