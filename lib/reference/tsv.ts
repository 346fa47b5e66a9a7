import { z } from "zod";
import type { PosixRow } from "./manpage";
import { ReferenceParseError } from "./parse-error";
import type { GlibcAnnotationRow } from "./texinfo";

/**
 * Readers for the shipped reference TSVs (glibc-manual-safety.tsv and
 * posix-async-signal-safe.tsv). Lines starting with `#` are comments; the
 * first other line is the header; every row is validated and the first bad
 * one throws ReferenceParseError with its file and line.
 */

const NAME = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "not a C identifier");
const SAFETY = z.enum(["Safe", "Unsafe"]);
/** Space-separated keywords such as "race:stream lock": no leading, trailing or doubled spaces. */
const NOTES = z.string().regex(/^(\S+( \S+)*)?$/, "notes must be single-space-separated keywords");

const GLIBC_COLUMNS = [
  "function",
  "texi_file",
  "mt",
  "as",
  "ac",
  "mt_notes",
  "as_notes",
  "ac_notes",
  "preliminary",
  "kind",
  "line",
] as const;

const glibcRow = z.object({
  function: NAME,
  texi_file: z.string().regex(/^[^\s/]+\.texi$/, "not a .texi file name"),
  mt: SAFETY,
  as: SAFETY,
  ac: SAFETY,
  mt_notes: NOTES,
  as_notes: NOTES,
  ac_notes: NOTES,
  preliminary: z.enum(["yes", "no"]),
  kind: z.enum(["function", "macro"]),
  line: z.string().regex(/^[1-9][0-9]*$/, "not a positive line number"),
});

const POSIX_COLUMNS = ["function", "note", "status", "man_section", "remark"] as const;

const posixRow = z.object({
  function: NAME,
  note: z.string(),
  status: z.enum(["listed", "removed"]),
  man_section: z.string().regex(/^[0-9][A-Za-z0-9]*$/, "not a manual section"),
  remark: z.string(),
});

/** Splits the file into header-checked, schema-validated records. */
function readTsv<T>(text: string, file: string, columns: readonly string[], schema: z.ZodType<T>): T[] {
  const lines = text.split(/\r?\n/);
  const records: T[] = [];
  let headerSeen = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.startsWith("#") || (raw === "" && (i === lines.length - 1 || !headerSeen))) continue;
    const cells = raw.split("\t");
    if (!headerSeen) {
      if (cells.join("\t") !== columns.join("\t")) {
        throw new ReferenceParseError(file, i + 1, `expected header "${columns.join("\\t")}", got "${raw}"`);
      }
      headerSeen = true;
      continue;
    }
    if (cells.length !== columns.length) {
      throw new ReferenceParseError(
        file,
        i + 1,
        `expected ${columns.length} tab-separated columns, got ${cells.length}`,
      );
    }
    const parsed = schema.safeParse(Object.fromEntries(columns.map((c, k) => [c, cells[k]])));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const column = String(issue.path[0] ?? "row");
      throw new ReferenceParseError(
        file,
        i + 1,
        `column ${column}: ${issue.message} (value "${cells[columns.indexOf(column)] ?? ""}")`,
      );
    }
    records.push(parsed.data);
  }
  if (!headerSeen) throw new ReferenceParseError(file, 1, "no header line");
  return records;
}

export function parseGlibcManualTsv(text: string, file: string): GlibcAnnotationRow[] {
  return readTsv(text, file, GLIBC_COLUMNS, glibcRow).map((r) => ({
    function: r.function,
    texiFile: r.texi_file,
    mt: r.mt,
    as: r.as,
    ac: r.ac,
    mtNotes: r.mt_notes,
    asNotes: r.as_notes,
    acNotes: r.ac_notes,
    preliminary: r.preliminary === "yes",
    kind: r.kind,
    line: Number(r.line),
  }));
}

export function parsePosixTsv(text: string, file: string): PosixRow[] {
  return readTsv(text, file, POSIX_COLUMNS, posixRow).map((r) => ({
    function: r.function,
    note: r.note,
    status: r.status,
    manSection: r.man_section,
    remark: r.remark,
  }));
}
