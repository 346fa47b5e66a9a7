import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { ReferenceParseError } from "@/lib/reference/parse-error";
import { parseMacrosTexi } from "@/lib/reference/texinfo-macros";
import { SafetyReader, type Safety } from "@/lib/reference/texinfo-safety";
import { braceDepth, matchBrace } from "@/lib/reference/texinfo-syntax";

/**
 * Reads the POSIX safety annotations (`@safety{...}`) of the GNU C Library
 * manual's Texinfo sources. Nothing here knows the note keywords: they come
 * from the macro definitions in the manual's own macros.texi.
 */

export interface GlibcAnnotationRow extends Safety {
  /** Name declared on the def line. */
  function: string;
  /** File name within manual/, e.g. "stdio.texi". */
  texiFile: string;
  kind: "function" | "macro";
  /** 1-based line of the def line. */
  line: number;
}

export interface UndocumentedDefinition {
  function: string;
  texiFile: string;
  line: number;
}

export interface TexinfoParseResult {
  rows: GlibcAnnotationRow[];
  /** Names declared with no `@safety` line: reported, never given an invented annotation. */
  undocumented: UndocumentedDefinition[];
}

// ---------------------------------------------------------------------------
// Def lines

interface Definition {
  function: string;
  kind: "function" | "macro";
  line: number;
}

const DEF_LINE = /^@(deftypefunx?|deftypefnx?|defmacx?)(?=\s|$)(.*)$/;

/** Splits a def line's arguments: `{...}` groups (braces stripped) and space-separated words. */
function defTokens(rest: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < rest.length) {
    const c = rest[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "{") {
      const end = matchBrace(rest, i);
      if (end < 0) return tokens.concat(rest.slice(i));
      tokens.push(rest.slice(i + 1, end - 1).trim());
      i = end;
    } else {
      let end = i;
      while (end < rest.length && !/\s/.test(rest[end]!)) end++;
      tokens.push(rest.slice(i, end));
      i = end;
    }
  }
  return tokens;
}

function parseDefLine(command: string, rest: string, file: string, line: number): Definition {
  const base = command.replace(/x$/, "");
  const tokens = defTokens(rest);
  // @deftypefun TYPE NAME ARGS; @deftypefn CATEGORY TYPE NAME ARGS; @defmac NAME ARGS
  const nameIndex = base === "deftypefun" ? 1 : base === "deftypefn" ? 2 : 0;
  const raw = tokens[nameIndex];
  const name = raw?.replace(/[{}]/g, "").split("(")[0]?.trim() ?? "";
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new ReferenceParseError(
      file,
      line,
      `cannot read the name declared by @${command}${raw ? ` (got "${raw}")` : ""}`,
    );
  }
  const category = base === "deftypefn" ? (tokens[0] ?? "") : "";
  const kind = base === "defmac" || /^macro$/i.test(category.trim()) ? "macro" : "function";
  return { function: name, kind, line };
}

// ---------------------------------------------------------------------------
// A .texi file

/** Lines that may stand between a def group and its @safety line. */
const GAP_LINE = /^(?:$|@standardsx?\s*\{|@c(?:omment)?(?:\s|$)|@[cfpvkt]index(?:\s|$))/;

export function parseTexinfoFile(text: string, texiFile: string, macros: Map<string, string>): TexinfoParseResult {
  const lines = text.split(/\r?\n/);
  const rows: GlibcAnnotationRow[] = [];
  const undocumented: UndocumentedDefinition[] = [];
  // The def group waiting for its @safety line, if any.
  let group: Definition[] = [];

  const closeUndocumented = () => {
    for (const def of group) undocumented.push({ function: def.function, texiFile, line: def.line });
    group = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!.trimEnd();

    // Texinfo ignores everything up to @end ignore.
    if (/^@ignore\s*$/.test(line)) {
      closeUndocumented();
      while (i + 1 < lines.length && !/^@end\s+ignore\s*$/.test(lines[i + 1]!)) i++;
      i++;
      continue;
    }

    const def = DEF_LINE.exec(line);
    if (def) {
      const command = def[1]!;
      let rest = def[2]!;
      // A def line ending in a lone `@` continues on the next line.
      while (/(^|[^@])(@@)*@$/.test(rest) && i + 1 < lines.length) {
        rest = rest.slice(0, -1) + " " + lines[++i]!.trimEnd();
      }
      const parsed = parseDefLine(command, rest, texiFile, lineNo);
      // An x line joins the open group; a plain def line starts a new one.
      if (!command.endsWith("x")) closeUndocumented();
      group.push(parsed);
      continue;
    }

    if (/^@safety(?:\s|\{|$)/.test(line)) {
      if (group.length === 0) throw new ReferenceParseError(texiFile, lineNo, "@safety with no def line before it");
      // The command normally fits on one line, but Texinfo lets braces span lines.
      let source = line;
      while (braceDepth(source) > 0) {
        const next = lines[i + 1];
        if (next === undefined || next.trim() === "" || /^@(end|def|safety)/.test(next)) {
          throw new ReferenceParseError(texiFile, lineNo, "unbalanced braces in @safety");
        }
        source += "\n" + next.trimEnd();
        i++;
      }
      const start = source.indexOf("{");
      const end = start < 0 ? -1 : matchBrace(source, start);
      if (start < 0 || end < 0) throw new ReferenceParseError(texiFile, lineNo, "unbalanced braces in @safety");
      const trailing = source.slice(end).trim();
      if (trailing !== "" && !/^@c(omment)?(\s|$)/.test(trailing)) {
        throw new ReferenceParseError(texiFile, lineNo, `unexpected text after @safety{...}: "${trailing}"`);
      }
      const safety = new SafetyReader(macros, texiFile, lineNo).read(source.slice(start + 1, end - 1));
      for (const d of group) rows.push({ function: d.function, texiFile, ...safety, kind: d.kind, line: d.line });
      group = [];
      continue;
    }

    if (group.length > 0 && !GAP_LINE.test(line.trimStart())) closeUndocumented();
  }
  closeUndocumented();
  return { rows, undocumented };
}

/** Reads macros.texi and every *.texi file of a glibc `manual/` directory, in name order. */
export async function parseManualDirectory(dir: string): Promise<TexinfoParseResult> {
  const macrosPath = path.join(dir, "macros.texi");
  let macrosText: string;
  try {
    macrosText = await readFile(macrosPath, "utf8");
  } catch (err) {
    throw new ReferenceParseError(macrosPath, 0, `cannot read macros.texi: ${(err as Error).message}`);
  }
  const macros = parseMacrosTexi(macrosText, "macros.texi");
  const files = (await readdir(dir)).filter((f) => f.endsWith(".texi")).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const result: TexinfoParseResult = { rows: [], undocumented: [] };
  for (const file of files) {
    const parsed = parseTexinfoFile(await readFile(path.join(dir, file), "utf8"), file, macros);
    result.rows.push(...parsed.rows);
    result.undocumented.push(...parsed.undocumented);
  }
  return result;
}
