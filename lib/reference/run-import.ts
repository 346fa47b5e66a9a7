import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { audit } from "@/lib/audit/log";
import { db, type DbClient } from "@/lib/db";
import { importGlibcAnnotations, importPosixList, type ImportReport } from "@/lib/reference/import";
import { parseSignalSafetyManPage } from "@/lib/reference/manpage";
import { ReferenceParseError } from "@/lib/reference/parse-error";
import { parseTexinfoFile, type TexinfoParseResult, type UndocumentedDefinition } from "@/lib/reference/texinfo";
import { parseMacrosTexi } from "@/lib/reference/texinfo-macros";
import { parseGlibcManualTsv, parsePosixTsv } from "@/lib/reference/tsv";

export const IMPORT_KINDS = ["glibc-manual", "posix-list"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** A file to import, by name (as in manual/ or on the upload) and content. */
export interface ImportFile {
  name: string;
  text: string;
}

export type Progress = (step: { done: number; total: number; message: string }) => void;

export interface ImportOutcome extends ImportReport {
  undocumented: UndocumentedDefinition[];
}

/** Reads a directory's .texi files, or one file (texinfo directory, man page or TSV). */
export async function readImportPath(target: string): Promise<ImportFile[]> {
  const info = await stat(target).catch(() => null);
  if (!info) throw new ReferenceParseError(target, 0, "no such file or directory");
  if (!info.isDirectory()) return [{ name: path.basename(target), text: await readFile(target, "utf8") }];
  const names = (await readdir(target)).filter((f) => f.endsWith(".texi")).sort();
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(path.join(target, name), "utf8") })));
}

function parseManual(files: ImportFile[], progress: Progress): TexinfoParseResult {
  if (files.length === 1 && files[0]!.name.endsWith(".tsv")) {
    return { rows: parseGlibcManualTsv(files[0]!.text, files[0]!.name), undocumented: [] };
  }
  const macrosFile = files.find((f) => f.name === "macros.texi");
  if (!macrosFile)
    throw new ReferenceParseError("macros.texi", 0, "the manual's macros.texi is needed to read the note macros");
  const macros = parseMacrosTexi(macrosFile.text, "macros.texi");
  const result: TexinfoParseResult = { rows: [], undocumented: [] };
  const texi = files.filter((f) => f.name.endsWith(".texi")).sort((a, b) => (a.name < b.name ? -1 : 1));
  texi.forEach((file, i) => {
    progress({ done: i, total: texi.length + 1, message: `reading ${file.name}` });
    const parsed = parseTexinfoFile(file.text, file.name, macros);
    result.rows.push(...parsed.rows);
    result.undocumented.push(...parsed.undocumented);
  });
  return result;
}

function parsePosix(files: ImportFile[]) {
  if (files.length !== 1)
    throw new ReferenceParseError(
      files[1]?.name ?? "(no file)",
      0,
      "give exactly one file: the signal-safety.7 man page or its TSV form",
    );
  const [file] = files as [ImportFile];
  return file.name.endsWith(".tsv")
    ? parsePosixTsv(file.text, file.name)
    : parseSignalSafetyManPage(file.text, file.name);
}

/**
 * Parses everything first (a malformed file stops the import with
 * file:line before anything is written), then records the import in one
 * transaction. The command line and the admin page both run this.
 */
export async function runImport(
  kind: ImportKind,
  files: ImportFile[],
  options: { source: string; origin: string; importedById?: number | null },
  progress: Progress = () => {},
  client: DbClient = db,
): Promise<ImportOutcome> {
  if (kind === "glibc-manual") {
    const parsed = parseManual(files, progress);
    if (!parsed.rows.length)
      throw new ReferenceParseError(files[0]?.name ?? "(no file)", 0, "no @safety annotations found");
    progress({ done: files.length, total: files.length + 1, message: `recording ${parsed.rows.length} annotations` });
    const report = await importGlibcAnnotations(parsed.rows, options, client);
    await auditImport(client, kind, options, report);
    return { ...report, undocumented: parsed.undocumented };
  }
  const rows = parsePosix(files);
  if (!rows.length) throw new ReferenceParseError(files[0]!.name, 0, "no functions found");
  progress({ done: 1, total: 2, message: `recording ${rows.length} entries` });
  const report = await importPosixList(rows, options, client);
  await auditImport(client, kind, options, report);
  return { ...report, undocumented: [] };
}

function auditImport(
  client: DbClient,
  kind: ImportKind,
  options: { source: string; importedById?: number | null },
  report: ImportReport,
) {
  return audit(client, {
    actorId: options.importedById ?? null,
    action: "reference.import",
    targetType: "reference_import",
    targetId: report.importId,
    details: { kind, source: options.source, added: report.added, changed: report.changed, removed: report.removed },
  });
}
