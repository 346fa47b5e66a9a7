import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/**
 * Reads the POSIX safety annotations (`@safety{...}`) of the GNU C Library
 * manual's Texinfo sources. Nothing here knows the note keywords: they come
 * from the macro definitions in the manual's own macros.texi.
 */

export type SafetyValue = "Safe" | "Unsafe";

export interface GlibcAnnotationRow {
  /** Name declared on the def line. */
  function: string;
  /** File name within manual/, e.g. "stdio.texi". */
  texiFile: string;
  mt: SafetyValue;
  as: SafetyValue;
  ac: SafetyValue;
  /** Space-separated keywords, e.g. "race:stream lock corrupt heap". */
  mtNotes: string;
  asNotes: string;
  acNotes: string;
  /** `@prelim{}` present. */
  preliminary: boolean;
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

export class ReferenceParseError extends Error {
  constructor(
    public file: string,
    public line: number,
    public problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
    this.name = "ReferenceParseError";
  }
}

// ---------------------------------------------------------------------------
// Brace-aware scanning shared by macros, def lines and @safety.

/**
 * Index just past the `}` matching the `{` at `open`, or -1 if the text ends
 * first. `@{`, `@}` and `@@` are Texinfo escapes and do not count.
 */
function matchBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "@") {
      const next = text[i + 1];
      if (next === "{" || next === "}" || next === "@") i++;
    } else if (c === "{") depth++;
    else if (c === "}") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Brace depth at the end of `text` (escapes ignored); negative if a `}` has no `{`. */
function braceDepth(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "@") {
      const next = text[i + 1];
      if (next === "{" || next === "}" || next === "@") i++;
    } else if (c === "{") depth++;
    else if (c === "}" && --depth < 0) return depth;
  }
  return depth;
}

// ---------------------------------------------------------------------------
// macros.texi

/**
 * A note macro's body is one line `keyword\param\`, e.g. `race\comments\`:
 * the keyword followed by its single argument. Other macros (`@mtsafe`,
 * `@safety`, `@twoexp`, ...) do not have this shape and are left out.
 */
const NOTE_BODY = /^(!?[A-Za-z0-9_][A-Za-z0-9_-]*)\\([A-Za-z0-9_-]+)\\$/;
const MACRO_HEADER = /^@macro\s+([A-Za-z][A-Za-z0-9_-]*)\s*(?:\{([^}]*)\})?\s*$/;

/** Macro name -> keyword, for every note macro defined in macros.texi. */
export function parseMacrosTexi(text: string, file = "macros.texi"): Map<string, string> {
  const lines = text.split(/\r?\n/);
  const keywords = new Map<string, string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!/^@macro(\s|$)/.test(line)) continue;
    const header = MACRO_HEADER.exec(line);
    if (!header) throw new ReferenceParseError(file, i + 1, `malformed @macro line: ${line}`);
    const name = header[1]!;
    const params = (header[2] ?? "")
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    const body: string[] = [];
    let end = i + 1;
    while (end < lines.length && !/^@end\s+macro\s*$/.test(lines[end]!)) body.push(lines[end++]!);
    if (end >= lines.length) throw new ReferenceParseError(file, i + 1, `@macro ${name} has no @end macro`);
    const note = body.length === 1 ? NOTE_BODY.exec(body[0]!) : null;
    if (note && params.length === 1 && note[2] === params[0]) {
      const previous = keywords.get(name);
      if (previous !== undefined && previous !== note[1]) {
        throw new ReferenceParseError(file, i + 1, `note macro @${name} defined twice with different keywords`);
      }
      keywords.set(name, note[1]!);
    }
    i = end;
  }
  if (keywords.size === 0) throw new ReferenceParseError(file, 1, "no note macro definitions found");
  return keywords;
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
// @safety

type Section = "mt" | "as" | "ac";

const PART_COMMANDS: Record<string, { section: Section; value: SafetyValue }> = {
  mtsafe: { section: "mt", value: "Safe" },
  mtunsafe: { section: "mt", value: "Unsafe" },
  assafe: { section: "as", value: "Safe" },
  asunsafe: { section: "as", value: "Unsafe" },
  acsafe: { section: "ac", value: "Safe" },
  acunsafe: { section: "ac", value: "Unsafe" },
};

interface Safety {
  preliminary: boolean;
  mt: SafetyValue;
  as: SafetyValue;
  ac: SafetyValue;
  mtNotes: string;
  asNotes: string;
  acNotes: string;
}

/** Reads `@name{arg}` at `at`; returns null if `at` does not start a command. */
function readCommand(text: string, at: number): { name: string; arg: string; end: number } | null {
  const m = /^@([A-Za-z]+)/.exec(text.slice(at));
  if (!m) return null;
  const open = at + m[0].length;
  if (text[open] !== "{") return null;
  const end = matchBrace(text, open);
  if (end < 0) return null;
  return { name: m[1]!, arg: text.slice(open + 1, end - 1), end };
}

class SafetyReader {
  constructor(
    private macros: Map<string, string>,
    private file: string,
    private line: number,
  ) {}

  private fail(problem: string): never {
    throw new ReferenceParseError(this.file, this.line, problem);
  }

  /** `@mtsrace{:stream}` -> "race:stream"; nested note macros in the argument expand too. */
  private expandNote(name: string, arg: string): string {
    const keyword = this.macros.get(name);
    if (keyword === undefined) this.fail(`unknown note macro @${name} in @safety`);
    return keyword + this.expandText(arg);
  }

  private expandText(text: string): string {
    let out = "";
    let i = 0;
    while (i < text.length) {
      const c = text[i]!;
      if (c === "@") {
        const next = text[i + 1];
        if (next === "@" || next === "{" || next === "}") {
          out += next;
          i += 2;
          continue;
        }
        const cmd = readCommand(text, i);
        if (!cmd) this.fail(`malformed macro call in note argument "${text}"`);
        out += this.expandNote(cmd.name, cmd.arg);
        i = cmd.end;
      } else if (c === "{" || c === "}") {
        this.fail(`stray brace in note argument "${text}"`);
      } else {
        out += c;
        i++;
      }
    }
    return out;
  }

  /** The notes inside `@mtsafe{...}` etc.: note macro calls separated by white space. */
  private notes(arg: string, part: string): string {
    const keywords: string[] = [];
    let i = 0;
    while (i < arg.length) {
      if (/\s/.test(arg[i]!)) {
        i++;
        continue;
      }
      const cmd = readCommand(arg, i);
      if (!cmd) this.fail(`unexpected text in @${part}{}: "${arg.slice(i).trim()}"`);
      keywords.push(this.expandNote(cmd.name, cmd.arg));
      i = cmd.end;
    }
    return keywords.join(" ");
  }

  /** Parses the argument of `@safety{...}`. */
  read(content: string): Safety {
    const parts: Partial<Record<Section, { value: SafetyValue; notes: string }>> = {};
    let preliminary = false;
    let i = 0;
    while (i < content.length) {
      if (/\s/.test(content[i]!)) {
        i++;
        continue;
      }
      const cmd = readCommand(content, i);
      if (!cmd) this.fail(`unexpected text in @safety: "${content.slice(i).trim()}"`);
      if (cmd.name === "prelim") {
        preliminary = true;
      } else {
        const part = PART_COMMANDS[cmd.name];
        if (!part)
          this.fail(
            `unexpected @${cmd.name} in @safety (expected @mtsafe/@mtunsafe, @assafe/@asunsafe, @acsafe/@acunsafe)`,
          );
        if (parts[part.section]) this.fail(`@safety has two ${part.section.toUpperCase()} parts`);
        parts[part.section] = { value: part.value, notes: this.notes(cmd.arg, cmd.name) };
      }
      i = cmd.end;
    }
    const { mt, as, ac } = parts;
    for (const [section, part] of [
      ["MT", mt],
      ["AS", as],
      ["AC", ac],
    ] as const) {
      if (!part) this.fail(`@safety has no ${section} part`);
    }
    return {
      preliminary,
      mt: mt!.value,
      as: as!.value,
      ac: ac!.value,
      mtNotes: mt!.notes,
      asNotes: as!.notes,
      acNotes: ac!.notes,
    };
  }
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
