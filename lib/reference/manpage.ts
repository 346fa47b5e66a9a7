import { ReferenceParseError } from "./parse-error";

/**
 * Reads the list of async-signal-safe functions from the Linux man-pages
 * page signal-safety(7): the tbl table (function, notes) and the bullet
 * notes below it, which name the functions POSIX.1-2008 removed from the
 * list (fpathconf, pathconf, sysconf).
 *
 * Only what the page says is reported. In particular `fork`: pages up to
 * 2021 list `fork(2)` in the table ("See notes below"), so it comes out as
 * "listed" with the notes' text as its remark; the newest page lists
 * `_Fork(3)` instead and never says that fork was dropped, so no fork row
 * comes out of it at all. (The shipped TSV's `fork  removed` row is the
 * extractor's own addition, marked by a remark starting "extractor:".)
 */

export interface PosixRow {
  function: string;
  /** The Notes cell verbatim, e.g. "Added in POSIX.1-2001 TC1"; empty means required since POSIX.1-2001. */
  note: string;
  status: "listed" | "removed";
  manSection: string;
  /** Text of the page's notes that name this function, prefixed with where it stands on the page. */
  remark: string;
}

const REMOVED_REMARK = "from the Notes list below the table";

/** Splits a request's arguments, honouring "double quoted" arguments. */
function requestArgs(rest: string): string[] {
  const args: string[] = [];
  const re = /"((?:[^"]|"")*)"|(\S+)/g;
  for (let m = re.exec(rest); m; m = re.exec(rest)) args.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!);
  return args;
}

/** Removes font changes and common escapes from a line of roff text. */
function plainEscapes(text: string): string {
  return text
    .replace(/\\f(\[[^\]]*\]|\(..|.)/g, "")
    .replace(/\\\((bu|em|en)/g, (_, n: string) => (n === "bu" ? "\u2022" : "-"))
    .replace(/\\\[(\w+)\]/g, (_, n: string) => (n === "bu" ? "\u2022" : n === "em" || n === "en" ? "-" : ""))
    .replace(/\\-/g, "-")
    .replace(/\\[&:]/g, "")
    .replace(/\\[~ ]/g, " ")
    .replace(/\\e/g, "\\");
}

/** Renders roff source (text lines and font macros such as `.BR name (3)`) to one line of plain text. */
function renderRoff(source: string): string {
  const out: string[] = [];
  for (const line of source.split("\n")) {
    if (/^['.]\s*\\"/.test(line)) continue; // comment
    const request = /^[.']\s*([A-Za-z]+)\s*(.*)$/.exec(line);
    if (request) {
      const [, name, rest] = request;
      // Font macros alternate fonts between arguments, which are joined without spaces.
      if (/^(B|I|R|SM|SB|BR|RB|BI|IB|IR|RI)$/.test(name!)) {
        const args = requestArgs(rest!);
        out.push(/^(B|I|R|SM|SB)$/.test(name!) ? args.join(" ") : args.join(""));
      }
      continue;
    }
    out.push(line);
  }
  return plainEscapes(out.join(" ")).replace(/\s+/g, " ").trim();
}

const FUNCTION_CELL = /^([A-Za-z_][A-Za-z0-9_]*)\s*\(([0-9][A-Za-z0-9]*)\)$/;
const FUNCTION_REF = /\b([A-Za-z_][A-Za-z0-9_]*)\(([0-9][A-Za-z0-9]*)\)/g;

interface TableRow {
  cells: string[];
  line: number;
}

/** Reads the data rows of the tbl block between `start` (.TS) and `end` (.TE). */
function readTable(lines: string[], start: number, end: number, file: string): TableRow[] {
  let i = start + 1;
  let tab = "\t";
  // Optional global options line, e.g. "allbox tab(:);".
  if (i < end && /;\s*$/.test(lines[i]!)) {
    const t = /tab\s*\((.)\)/.exec(lines[i]!);
    if (t) tab = t[1]!;
    i++;
  }
  const skipFormat = () => {
    while (i < end && !/\.\s*$/.test(lines[i]!)) i++;
    if (i >= end)
      throw new ReferenceParseError(file, start + 1, "tbl format lines are not ended by a line ending in '.'");
    i++;
  };
  skipFormat();

  const rows: TableRow[] = [];
  while (i < end) {
    const line = lines[i]!;
    if (/^['.]\s*\\"/.test(line) || /^\s*[_=]\s*$/.test(line)) {
      i++;
      continue;
    }
    if (/^\.T&\s*$/.test(line)) {
      i++;
      skipFormat();
      continue;
    }
    const rowLine = i + 1;
    const cells: string[] = [];
    let rest = line;
    for (;;) {
      const cut = rest.indexOf(tab);
      const cell = cut < 0 ? rest : rest.slice(0, cut);
      if (cell === "T{") {
        // A text block: the cell's content is every line up to the one starting with T}.
        const body: string[] = [];
        let j = i + 1;
        while (j < end && !lines[j]!.startsWith("T}")) body.push(lines[j++]!);
        if (j >= end) throw new ReferenceParseError(file, i + 1, "T{ text block is not closed by T}");
        cells.push(body.join("\n"));
        i = j;
        rest = lines[j]!.slice(2);
        if (rest.startsWith(tab)) {
          rest = rest.slice(tab.length);
          continue;
        }
        if (rest.trim() !== "") throw new ReferenceParseError(file, j + 1, `unexpected text after T}: "${rest}"`);
        break;
      }
      cells.push(cell);
      if (cut < 0) break;
      rest = rest.slice(cut + tab.length);
    }
    rows.push({ cells, line: rowLine });
    i++;
  }
  return rows;
}

interface Bullet {
  /** The .SS subsection it stands in, or null for the notes right after the table. */
  section: string | null;
  text: string;
}

/** The bullet (.IP/.TP) paragraphs between the table and the next .SH section. */
function readNoteBullets(lines: string[], from: number): Bullet[] {
  const bullets: Bullet[] = [];
  let section: string | null = null;
  let current: { section: string | null; lines: string[] } | null = null;
  const close = () => {
    if (current) bullets.push({ section: current.section, text: renderRoff(current.lines.join("\n")) });
    current = null;
  };
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\.SH(\s|$)/.test(line)) break;
    const ss = /^\.SS\s+(.*)$/.exec(line);
    if (ss) {
      close();
      section = requestArgs(ss[1]!).join(" ");
      continue;
    }
    if (/^\.(IP|TP)(\s|$)/.test(line)) {
      close();
      current = { section, lines: [] };
      continue;
    }
    if (/^\.(P|PP|LP)\s*$/.test(line)) {
      close();
      continue;
    }
    current?.lines.push(line);
  }
  close();
  return bullets;
}

/** "A and B required the functions x, y to be async-signal-safe, but this requirement was removed in C." */
const REMOVAL =
  /^(.+?) required the functions? .+ to be async-signal-safe, but this requirement was removed in (.+?)\.?$/;

export function parseSignalSafetyManPage(text: string, file: string): PosixRow[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^\.TS(\s|$)/.test(l));
  if (start < 0) throw new ReferenceParseError(file, 1, "no tbl table (.TS ... .TE) found");
  const end = lines.findIndex((l, i) => i > start && /^\.TE(\s|$)/.test(l));
  if (end < 0) throw new ReferenceParseError(file, start + 1, ".TS table is not closed by .TE");

  const listed: PosixRow[] = [];
  const byName = new Map<string, PosixRow>();
  for (const [index, row] of readTable(lines, start, end, file).entries()) {
    const first = renderRoff(row.cells[0] ?? "");
    if (index === 0 && /^functions?$/i.test(first)) continue; // header row
    const m = FUNCTION_CELL.exec(first);
    if (!m) throw new ReferenceParseError(file, row.line, `table row has no function: "${first}"`);
    if (byName.has(m[1]!)) throw new ReferenceParseError(file, row.line, `${m[1]} is listed twice`);
    const entry: PosixRow = {
      function: m[1]!,
      note: renderRoff(row.cells[1] ?? ""),
      status: "listed",
      manSection: m[2]!,
      remark: "",
    };
    listed.push(entry);
    byName.set(entry.function, entry);
  }
  if (listed.length === 0) throw new ReferenceParseError(file, start + 1, "the table lists no functions");

  const removed: PosixRow[] = [];
  for (const bullet of readNoteBullets(lines, end + 1)) {
    const refs = [...bullet.text.matchAll(FUNCTION_REF)].map((r) => ({ name: r[1]!, section: r[2]! }));
    const removal = /\bremoved\b/i.test(bullet.text) ? REMOVAL.exec(bullet.text) : null;
    for (const ref of refs) {
      const entry = byName.get(ref.name);
      if (entry) {
        const label = bullet.section ? `page (${bullet.section})` : "page note";
        const remark = `${label}: ${bullet.text}`;
        if (!entry.remark.includes(remark)) entry.remark = entry.remark ? `${entry.remark} | ${remark}` : remark;
      } else if (/\bremoved\b/i.test(bullet.text) && !removed.some((r) => r.function === ref.name)) {
        removed.push({
          function: ref.name,
          note: removal ? `Required by ${removal[1]}; requirement removed in ${removal[2]}` : bullet.text,
          status: "removed",
          manSection: ref.section,
          remark: REMOVED_REMARK,
        });
      }
    }
  }
  return [...listed, ...removed];
}
