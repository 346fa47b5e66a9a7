/**
 * How glibc implements a function, read from a glibc source tree.
 *
 * Resolution (what the build would compile for the routine):
 * - Directories searched, in order: `sysdeps/<d>` for each `d` of the sysdeps search order
 *   (see `search-order.ts`; it ends with `generic`), then the top-level source subdirectories
 *   (`posix/`, `misc/`, `io/`, ... — `GLIBC_SOURCE_SUBDIRS`, or the `generic` argument).
 * - In one directory a routine `name` is provided by, in this order of preference
 *   (glibc's sysd-rules list the `.S` pattern rule before the `.c` one, and
 *   `make-syscalls.sh` drops a syscalls.list line when a `<file>.c`/`.S` exists in that
 *   directory or an earlier one):
 *     1. `<name>.S`
 *     2. `<name>.c`
 *     3. a line of the directory's `syscalls.list` whose "File name" column, strong name or one of
 *        its weak names (version suffixes `@GLIBC_2.0:GLIBC_2.23`, `@@GLIBC_2.1` stripped) is `name`.
 *        If the line's file is `F` and `F.S`/`F.c` exists in this or an earlier directory, the stub
 *        is not built; `name` is then attributed to that `F.S`/`F.c`.
 *   The first directory that provides the routine wins, so an earlier `.c` hides a later
 *   `syscalls.list` line.
 *
 * Kinds:
 * - `syscall-stub`: a syscalls.list line (`syscall` = its syscall-name column).
 * - `assembly`: a `.S` file.
 * - For a `.c` file (after following a simple include, below), the first that applies:
 *   - `setxid-broadcast`: it uses `INLINE_SETXID_SYSCALL` (or `INTERNAL_SETXID_SYSCALL`), so in a
 *     multi-threaded process the call is broadcast to every thread.
 *   - `ifunc`: it selects an implementation at load time (`libc_ifunc`, `libc_ifunc_redirected`,
 *     `libc_ifunc_hidden`, `libm_ifunc`, `__ifunc`, `__ifunc_resolver`, `__attribute__ ((ifunc ...))`).
 *   - `syscall-wrapper`: see `analyzeCSource` — every function in the file is "thin" and the file
 *     makes a syscall through `INLINE_SYSCALL`, `INLINE_SYSCALL_CALL`, `INTERNAL_SYSCALL`,
 *     `INTERNAL_SYSCALL_CALL` or `SYSCALL_CANCEL`.
 *   - `c`: anything else, including a `.c` whose contents cannot be read (e.g. the data-only tree).
 * - `absent`: no directory provides it (e.g. `cap_set_proc`, which is libcap's).
 *
 * Include following: a `.c` file that `#include`s a `.c`/`.S` file and defines no function of its
 * own (typically only `#define`s, `#include`s and perhaps top-level `asm`) is classified by the
 * included file (the last such include). `"x.c"` is looked up next to the including file, then
 * like `<x.c>`; `<p/x.c>` is looked up from the repository root, then under every search
 * directory in order. At most
 * `MAX_INCLUDE_DEPTH` levels are followed; the file itself is never its own target. `path`
 * stays the file the search found; `followed` lists the files read through includes.
 */
import fs from "node:fs";
import path from "node:path";
import { GLIBC_DATA_DIR } from "./search-order";

export type ImplementationKind =
  "syscall-stub" | "assembly" | "ifunc" | "setxid-broadcast" | "syscall-wrapper" | "c" | "absent";

export interface Evidence {
  function: string;
  kind: ImplementationKind;
  /**
   * Repo-relative, e.g. sysdeps/unix/sysv/linux/syscalls.list or
   * sysdeps/unix/sysv/linux/setgroups.c; "" when absent.
   */
  path: string;
  /** For syscall-stub (the syscalls.list syscall name) and syscall-wrapper when evident, else "". */
  syscall: string;
  /** Files read by following `#include "x.c"`-only files (see module comment), when any. */
  followed?: string[];
}

export interface SourceTree {
  /** File names in a repo-relative dir, [] if missing. */
  listDir(dir: string): string[];
  readFile(path: string): string | null;
}

/**
 * Top-level glibc directories that hold library sources, derived from the tree at
 * 04e750e75b73957cf1c791535a3f4319534a52fc with `sourceSubdirsFromPaths` (a `Makefile` and at least
 * one `.c`/`.S` directly inside, minus `NON_LIBRARY_SUBDIRS`). Alphabetical.
 */
export const GLIBC_SOURCE_SUBDIRS: readonly string[] = [
  "argp",
  "assert",
  "catgets",
  "csu",
  "ctype",
  "debug",
  "dirent",
  "dlfcn",
  "elf",
  "gmon",
  "gnulib",
  "hesiod",
  "iconv",
  "iconvdata",
  "inet",
  "intl",
  "io",
  "libio",
  "locale",
  "login",
  "malloc",
  "math",
  "misc",
  "nis",
  "nptl",
  "nss",
  "posix",
  "resolv",
  "resource",
  "rt",
  "setjmp",
  "signal",
  "socket",
  "stdio-common",
  "stdlib",
  "string",
  "sunrpc",
  "sysvipc",
  "termios",
  "time",
  "wcsmbs",
  "wctype",
];

/**
 * Top-level directories with sources that are not library routines for a Linux build:
 * benchmarks, manual examples, the test-support library, tools and daemons (nscd, timezone's zic,
 * localedata's tests, nptl_db = libthread_db), soft-fp (only included from sysdeps), and the Hurd
 * (hurd, mach, htl) directories.
 */
export const NON_LIBRARY_SUBDIRS: ReadonlySet<string> = new Set([
  "benchtests",
  "conform",
  "manual",
  "support",
  "scripts",
  "include",
  "sysdeps",
  "po",
  "localedata",
  "timezone",
  "nscd",
  "nptl_db",
  "soft-fp",
  "hurd",
  "mach",
  "htl",
]);

/** Derive the source subdirectories from a list of repo paths (e.g. `data/glibc-sysdeps/paths.txt`). */
export function sourceSubdirsFromPaths(paths: Iterable<string>): string[] {
  const withMakefile = new Set<string>();
  const withSources = new Set<string>();
  for (const raw of paths) {
    const m = /^([^/]+)\/([^/]+)$/.exec(raw.trim());
    if (!m) continue;
    const [, dir, file] = m as unknown as [string, string, string];
    if (file === "Makefile") withMakefile.add(dir);
    if (/\.(c|S)$/.test(file)) withSources.add(dir);
  }
  return [...withMakefile].filter((d) => withSources.has(d) && !NON_LIBRARY_SUBDIRS.has(d)).sort();
}

/** A real checkout at `glibcRoot`. */
export function fsSourceTree(glibcRoot: string): SourceTree {
  const safe = (p: string) => !p.split("/").includes("..");
  return {
    listDir(dir) {
      if (!safe(dir)) return [];
      try {
        return fs
          .readdirSync(path.join(glibcRoot, dir), { withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => e.name);
      } catch {
        return [];
      }
    },
    readFile(p) {
      if (!safe(p)) return null;
      try {
        return fs.readFileSync(path.join(glibcRoot, p), "utf8");
      } catch {
        return null;
      }
    },
  };
}

/**
 * A tree from the shipped data: file names from `paths.txt`; the only readable files are the
 * `syscalls.list` files, rebuilt from `syscalls-list.tsv` rows (one whitespace-separated line per
 * row). Every other file reads as null, so `.c` files classify as `c` (contents unknown).
 */
export function dataSourceTree(pathsTxt: string, syscallsListTsv: string): SourceTree {
  const byDir = new Map<string, string[]>();
  for (const raw of pathsTxt.split("\n")) {
    const p = raw.trim();
    if (!p) continue;
    const slash = p.lastIndexOf("/");
    const dir = slash < 0 ? "" : p.slice(0, slash);
    const list = byDir.get(dir) ?? [];
    list.push(p.slice(slash + 1));
    byDir.set(dir, list);
  }
  const lists = new Map<string, string[]>();
  for (const line of syscallsListTsv.split("\n")) {
    const cols = line.replace(/\r$/, "").split("\t");
    const [list, file, caller, syscall, args, strong, weak] = cols;
    if (!list || list === "list" || !file) continue;
    const words = [file, caller, syscall, args, strong, weak].map((w) => (w ?? "").trim()).filter((w) => w);
    const rows = lists.get(list) ?? [];
    rows.push(words.join("\t"));
    lists.set(list, rows);
  }
  return {
    listDir: (dir) => [...(byDir.get(dir) ?? [])],
    readFile: (p) => {
      const rows = lists.get(p);
      return rows ? `${rows.join("\n")}\n` : null;
    },
  };
}

/** `dataSourceTree` over the files in `dataDir` (default `data/glibc-sysdeps/`). */
export function loadDataSourceTree(dataDir: string = GLIBC_DATA_DIR): SourceTree {
  return dataSourceTree(
    fs.readFileSync(path.join(dataDir, "paths.txt"), "utf8"),
    fs.readFileSync(path.join(dataDir, "syscalls-list.tsv"), "utf8"),
  );
}

// ---------------------------------------------------------------------------------------------
// syscalls.list

export interface SyscallsListEntry {
  /** "File name" column: the object the stub is built as. */
  file: string;
  caller: string;
  syscall: string;
  args: string;
  strong: string;
  /** Weak names with any `@VERSION` suffix stripped. */
  weak: string[];
}

/**
 * Parse a syscalls.list: `# comments`, blank lines dropped; columns are white-space separated:
 * file, caller, syscall name, args, strong name, then zero or more weak names.
 */
export function parseSyscallsList(text: string): SyscallsListEntry[] {
  const out: SyscallsListEntry[] = [];
  for (const raw of text.split("\n")) {
    const words = raw
      .replace(/#.*$/, "")
      .trim()
      .split(/\s+/)
      .filter((w) => w);
    if (words.length < 5) continue;
    const [file, caller, syscall, args, strong, ...weak] = words as [
      string,
      string,
      string,
      string,
      string,
      ...string[],
    ];
    out.push({ file, caller, syscall, args, strong, weak: weak.map(stripVersion).filter((w) => w) });
  }
  return out;
}

function stripVersion(name: string): string {
  const at = name.indexOf("@");
  return at < 0 ? name : name.slice(0, at);
}

// ---------------------------------------------------------------------------------------------
// C source analysis

/** Syscall-making macros; their first argument is the syscall name. */
export const SYSCALL_MACROS: readonly string[] = [
  "INLINE_SYSCALL",
  "INLINE_SYSCALL_CALL",
  "INTERNAL_SYSCALL",
  "INTERNAL_SYSCALL_CALL",
  "SYSCALL_CANCEL",
];

/** Lower-case calls a thin wrapper may make besides the syscall macros and ALL-CAPS macros. */
export const WRAPPER_ALLOWED_CALLS: ReadonlySet<string> = new Set([
  "__set_errno",
  "__glibc_likely",
  "__glibc_unlikely",
  "__builtin_expect",
  "va_start",
  "va_arg",
  "va_end",
]);

/** A thin function body holds at most this many statements (`;` outside parentheses). */
export const MAX_WRAPPER_STATEMENTS = 12;

/** Maximum number of `#include "x.c"` hops followed. */
export const MAX_INCLUDE_DEPTH = 4;

const NOT_CALLS = new Set([
  "if",
  "while",
  "for",
  "switch",
  "return",
  "sizeof",
  "defined",
  "__typeof",
  "__typeof__",
  "typeof",
  "__attribute__",
  "__attribute",
  "_Static_assert",
  "static_assert",
  "_Alignof",
  "__alignof__",
  "alignof",
  "asm",
  "__asm__",
  "__asm",
  "do",
  "case",
  "else",
]);

const SETXID_RE = /\b(?:INLINE|INTERNAL)_SETXID_SYSCALL\b/;
// An ifunc: glibc's *_ifunc macros, __ifunc*, or GCC's ifunc attribute.
const IFUNC_RE = new RegExp(
  [
    String.raw`\b(?:libc|libm|rtld|libpthread|librt|libanl)_ifunc\w*\s*\(`,
    String.raw`\b__ifunc(?:_resolver|_hidden|_args\w*)?\s*\(`,
    String.raw`__attribute(?:__)?\s*\(\(\s*(?:__)?ifunc(?:__)?\b`,
  ].join("|"),
);

/** Remove comments and the contents of string and character literals; keeps newlines. */
export function stripComments(src: string): string {
  let out = "";
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i] as string;
    const next = src[i + 1];
    if (c === "/" && next === "*") {
      const end = src.indexOf("*/", i + 2);
      const stop = end < 0 ? n : end + 2;
      out += " " + src.slice(i, stop).replace(/[^\n]/g, "");
      i = stop;
    } else if (c === "/" && next === "/") {
      while (i < n && src[i] !== "\n") i++;
    } else if (c === '"' || c === "'") {
      // Keep `#include "file"` intact: the include target is needed.
      const lineStart = src.lastIndexOf("\n", i - 1) + 1;
      const keep = /^\s*#\s*include\s*$/.test(src.slice(lineStart, i));
      let j = i + 1;
      while (j < n && src[j] !== c && src[j] !== "\n") j += src[j] === "\\" ? 2 : 1;
      out += keep ? src.slice(i, j + 1) : `${c}${c}`;
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Logical lines (backslash continuations joined). */
function logicalLines(text: string): string[] {
  return text.replace(/\\\r?\n/g, " ").split("\n");
}

interface CFunction {
  name: string;
  body: string;
}

/** Top-level function definitions: `name (...) {` at brace depth 0 (after `#define`s are removed). */
export function functionDefinitions(stripped: string): CFunction[] {
  const lines = logicalLines(stripped).map((l) => (/^\s*#\s*define\b/.test(l) ? "" : l));
  const text = lines.join("\n");
  const out: CFunction[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch !== "{") {
      i++;
      continue;
    }
    // Find the matching close brace.
    let depth = 0;
    let j = i;
    for (; j < text.length; j++) {
      if (text[j] === "{") depth++;
      else if (text[j] === "}" && --depth === 0) break;
    }
    const header = text.slice(0, i).replace(/\s+$/, "");
    if (header.endsWith(")")) {
      // Walk back over the balanced parameter list to the function name.
      let d = 0;
      let k = header.length - 1;
      for (; k >= 0; k--) {
        if (header[k] === ")") d++;
        else if (header[k] === "(" && --d === 0) break;
      }
      const nameMatch = /([A-Za-z_]\w*)\s*$/.exec(header.slice(0, Math.max(k, 0)));
      const before = nameMatch ? header.slice(0, nameMatch.index).replace(/\s+$/, "") : "";
      // Not a function if the "name" is a keyword or the header ends an initializer (`= (...) {`).
      if (nameMatch && !NOT_CALLS.has(nameMatch[1] as string) && !before.endsWith("=")) {
        out.push({ name: nameMatch[1] as string, body: text.slice(i + 1, j) });
      }
    }
    i = j + 1;
  }
  return out;
}

/** Syscall-macro invocations in code: `[{ macro, syscall }]`, in order. */
function syscallInvocations(code: string): { macro: string; syscall: string }[] {
  const re = new RegExp(`\\b(${SYSCALL_MACROS.join("|")})\\s*\\(\\s*([A-Za-z_]\\w*)`, "g");
  return [...code.matchAll(re)].map((m) => ({
    macro: m[1] as string,
    syscall: (m[2] as string).replace(/^__NR_/, ""),
  }));
}

/**
 * The largest number of syscall-macro invocations on any one preprocessor path through `body`
 * (each `#if`/`#elif`/`#else` group contributes its largest branch).
 */
export function maxSyscallsOnAnyPath(body: string): number {
  interface Group {
    branches: number[];
  }
  const stack: { total: number; group: Group | null }[] = [{ total: 0, group: null }];
  const top = () => stack[stack.length - 1] as { total: number; group: Group | null };
  for (const line of logicalLines(body)) {
    const d = /^\s*#\s*(\w+)/.exec(line)?.[1];
    if (d === "if" || d === "ifdef" || d === "ifndef") {
      stack.push({ total: 0, group: { branches: [] } });
    } else if ((d === "elif" || d === "else") && stack.length > 1) {
      const frame = top();
      frame.group?.branches.push(frame.total);
      frame.total = 0;
    } else if (d === "endif" && stack.length > 1) {
      const frame = stack.pop() as { total: number; group: Group | null };
      const branches = [...(frame.group?.branches ?? []), frame.total];
      top().total += Math.max(...branches);
    } else if (!d) {
      top().total += syscallInvocations(line).length;
    }
  }
  // Unbalanced conditionals: fold what is left.
  while (stack.length > 1) {
    const frame = stack.pop() as { total: number; group: Group | null };
    top().total += Math.max(frame.total, ...(frame.group?.branches ?? []));
  }
  return top().total;
}

export interface CAnalysis {
  kind: "ifunc" | "setxid-broadcast" | "syscall-wrapper" | "c";
  syscall: string;
  /** Why it is (or is not) a wrapper, for display and debugging. */
  reason: string;
}

/**
 * Classify the text of one C file.
 *
 * Syscall-wrapper heuristic: the file defines at least one function, makes at least one
 * syscall-macro call, and every function defined in it is thin:
 *   - no loops, `switch` or `goto` (`for`, `while`, `do`, `switch`, `goto`);
 *   - it calls nothing but syscall macros, ALL-CAPS macros (argument/result adjustment such as
 *     `SYSCALL_LL64`, `INLINE_SYSCALL_ERROR_RETURN_VALUE`), `WRAPPER_ALLOWED_CALLS`
 *     (`__set_errno`, `va_arg`, ...) and functions defined in the same file;
 *   - at most one syscall-macro call on any preprocessor path (`maxSyscallsOnAnyPath`);
 *   - at most `MAX_WRAPPER_STATEMENTS` statements.
 * All preprocessor branches are checked (which one is compiled is not known here), so a thin
 * `#ifdef __NR_dup2` path next to a non-thin `#else` path (Linux `dup2.c`) reads as `c`.
 * `syscall` is the syscall named by the macros when they all name the same one; when
 * alternatives differ (`#ifdef __NR_x ... #else ...`) it is the one equal to the routine name
 * (leading underscores and a `64`/`_time64` suffix dropped), else "".
 */
export function analyzeCSource(text: string, routine = ""): CAnalysis {
  const stripped = stripComments(text);
  if (SETXID_RE.test(stripped)) return { kind: "setxid-broadcast", syscall: "", reason: "INLINE_SETXID_SYSCALL" };
  if (IFUNC_RE.test(stripped)) return { kind: "ifunc", syscall: "", reason: "ifunc selector" };

  const fns = functionDefinitions(stripped);
  if (fns.length === 0) return { kind: "c", syscall: "", reason: "no function definition" };
  const defined = new Set(fns.map((f) => f.name));
  const names: string[] = [];
  for (const fn of fns) {
    const code = logicalLines(fn.body)
      .filter((l) => !/^\s*#/.test(l))
      .join("\n");
    const loop = /\b(for|while|do|switch|goto)\b/.exec(code);
    if (loop) return { kind: "c", syscall: "", reason: `${fn.name}: ${loop[1]}` };
    for (const m of code.matchAll(/\b([A-Za-z_]\w*)\s*\(/g)) {
      const callee = m[1] as string;
      if (NOT_CALLS.has(callee) || SYSCALL_MACROS.includes(callee)) continue;
      if (/^_*[A-Z][A-Z0-9_]*$/.test(callee) || WRAPPER_ALLOWED_CALLS.has(callee) || defined.has(callee)) continue;
      // A cast to a parenthesised type such as `(int) (x)` is not preceded by an identifier; a
      // type name followed by `(` only occurs in declarations of function pointers, which a thin
      // wrapper does not have.
      return { kind: "c", syscall: "", reason: `${fn.name} calls ${callee}` };
    }
    if (maxSyscallsOnAnyPath(fn.body) > 1) return { kind: "c", syscall: "", reason: `${fn.name}: several syscalls` };
    const statements = countStatements(code);
    if (statements > MAX_WRAPPER_STATEMENTS) {
      return { kind: "c", syscall: "", reason: `${fn.name}: ${statements} statements` };
    }
    names.push(...syscallInvocations(code).map((s) => s.syscall));
  }
  if (names.length === 0) return { kind: "c", syscall: "", reason: "no syscall macro" };
  const distinct = [...new Set(names)];
  const base = routine.replace(/^_+/, "").replace(/(_time64|64)$/, "");
  const syscall =
    distinct.length === 1 ? (distinct[0] as string) : (distinct.find((s) => s === routine || s === base) ?? "");
  return { kind: "syscall-wrapper", syscall, reason: `thin wrapper around ${distinct.join("/")}` };
}

function countStatements(code: string): number {
  let depth = 0;
  let count = 0;
  for (const ch of code) {
    if (ch === "(") depth++;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    else if (ch === ";" && depth === 0) count++;
  }
  return count;
}

/**
 * If the file includes a `.c`/`.S` file and defines no function itself, the (last) included
 * path; else null.
 */
export function includedImplementation(text: string): { target: string; quoted: boolean } | null {
  const stripped = stripComments(text);
  let found: { target: string; quoted: boolean } | null = null;
  for (const l of logicalLines(stripped)) {
    const m = /^\s*#\s*include\s*(?:"([^"]+)"|<([^>]+)>)/.exec(l);
    const target = m?.[1] ?? m?.[2];
    if (target && /\.(c|S)$/.test(target)) found = { target, quoted: m?.[1] !== undefined };
  }
  if (!found || functionDefinitions(stripped).length > 0) return null;
  return found;
}

// ---------------------------------------------------------------------------------------------
// Resolution

type Provider =
  { type: "file"; path: string; ext: "S" | "c" } | { type: "list"; path: string; entry: SyscallsListEntry };

function joinPath(dir: string, file: string): string {
  const parts: string[] = [];
  for (const seg of `${dir}/${file}`.split("/")) {
    if (!seg || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return parts.join("/");
}

class Resolver {
  private files = new Map<string, Set<string>>();
  private lists = new Map<string, SyscallsListEntry[]>();

  constructor(
    private readonly tree: SourceTree,
    readonly dirs: string[],
  ) {}

  filesIn(dir: string): Set<string> {
    let set = this.files.get(dir);
    if (!set) {
      set = new Set(this.tree.listDir(dir));
      this.files.set(dir, set);
    }
    return set;
  }

  listIn(dir: string): SyscallsListEntry[] {
    let entries = this.lists.get(dir);
    if (!entries) {
      entries = [];
      if (this.filesIn(dir).has("syscalls.list")) {
        entries = parseSyscallsList(this.tree.readFile(`${dir}/syscalls.list`) ?? "");
      }
      this.lists.set(dir, entries);
    }
    return entries;
  }

  /** The first `file.S`/`file.c` in dirs[0..upTo]. */
  sourceFileUpTo(file: string, upTo: number): Provider | null {
    for (let i = 0; i <= upTo && i < this.dirs.length; i++) {
      const dir = this.dirs[i] as string;
      const files = this.filesIn(dir);
      if (files.has(`${file}.S`)) return { type: "file", path: `${dir}/${file}.S`, ext: "S" };
      if (files.has(`${file}.c`)) return { type: "file", path: `${dir}/${file}.c`, ext: "c" };
    }
    return null;
  }

  find(name: string): Provider | null {
    for (let i = 0; i < this.dirs.length; i++) {
      const dir = this.dirs[i] as string;
      const files = this.filesIn(dir);
      if (files.has(`${name}.S`)) return { type: "file", path: `${dir}/${name}.S`, ext: "S" };
      if (files.has(`${name}.c`)) return { type: "file", path: `${dir}/${name}.c`, ext: "c" };
      const entry = this.listIn(dir).find((e) => e.file === name || e.strong === name || e.weak.includes(name));
      if (entry) {
        // make-syscalls.sh: no stub when <file>.c/.S exists in this or an earlier directory.
        const overriding = entry.file === name ? null : this.sourceFileUpTo(entry.file, i);
        return overriding ?? { type: "list", path: `${dir}/syscalls.list`, entry };
      }
    }
    return null;
  }

  /** Resolve an include target from `fromPath`; null if not found. */
  resolveInclude(target: string, quoted: boolean, fromPath: string): string | null {
    const candidates: string[] = [];
    if (quoted) candidates.push(joinPath(path.posix.dirname(fromPath), target));
    candidates.push(joinPath("", target));
    for (const dir of this.dirs) candidates.push(joinPath(dir, target));
    for (const c of candidates) {
      if (c === fromPath) continue;
      const slash = c.lastIndexOf("/");
      const dir = slash < 0 ? "" : c.slice(0, slash);
      if (this.filesIn(dir).has(c.slice(slash + 1))) return c;
    }
    return null;
  }
}

/**
 * Classify each routine name. `order` is the sysdeps search order (relative to `sysdeps/`, as
 * `sysdepsSearchOrder` returns it); `generic` the top-level source subdirectories searched after
 * it (default `GLIBC_SOURCE_SUBDIRS`).
 */
export function classifyFunctions(
  names: string[],
  tree: SourceTree,
  order: string[],
  generic: readonly string[] = GLIBC_SOURCE_SUBDIRS,
): Evidence[] {
  const dirs = [...order.map((d) => `sysdeps/${d}`), ...generic];
  const resolver = new Resolver(tree, dirs);
  return names.map((name) => classifyOne(name, tree, resolver));
}

function classifyOne(name: string, tree: SourceTree, resolver: Resolver): Evidence {
  const provider = resolver.find(name);
  if (!provider) return { function: name, kind: "absent", path: "", syscall: "" };
  if (provider.type === "list") {
    return { function: name, kind: "syscall-stub", path: provider.path, syscall: provider.entry.syscall };
  }
  if (provider.ext === "S") return { function: name, kind: "assembly", path: provider.path, syscall: "" };

  // A .c file: follow include-only files, then analyse the text.
  const followed: string[] = [];
  let current = provider.path;
  let text = tree.readFile(current);
  for (let depth = 0; text !== null && depth < MAX_INCLUDE_DEPTH; depth++) {
    const inc = includedImplementation(text);
    if (!inc) break;
    const next = resolver.resolveInclude(inc.target, inc.quoted, current);
    if (!next || next === provider.path || followed.includes(next)) break;
    followed.push(next);
    current = next;
    if (current.endsWith(".S")) {
      return { function: name, kind: "assembly", path: provider.path, syscall: "", followed };
    }
    text = tree.readFile(current);
  }
  const extra = followed.length > 0 ? { followed } : {};
  if (text === null) return { function: name, kind: "c", path: provider.path, syscall: "", ...extra };
  const analysis = analyzeCSource(text, name);
  return { function: name, kind: analysis.kind, path: provider.path, syscall: analysis.syscall, ...extra };
}
