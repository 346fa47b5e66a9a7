// What the classifier reads from a glibc C file: its functions, the syscalls they make, whether each is a
// thin wrapper, and whether the file only includes another implementation.

/** Syscall-making macros; their first argument is the syscall name. */
export const SYSCALL_MACROS: readonly string[] = [
  "INLINE_SYSCALL",
  "INLINE_SYSCALL_CALL",
  "INTERNAL_SYSCALL",
  "INTERNAL_SYSCALL_CALL",
  "SYSCALL_CANCEL",
];

/**
 * Lower-case calls a thin wrapper may make besides the syscall macros and ALL-CAPS macros: errno,
 * branch hints, varargs, and the inline signal-set helpers of glibc's internal headers (bit
 * operations on a sigset in memory, no syscall and no lock: `sigsetops.h`, `internal-signals.h`).
 */
export const WRAPPER_ALLOWED_CALLS: ReadonlySet<string> = new Set([
  "__set_errno",
  "__sigemptyset",
  "__sigaddset",
  "__sigdelset",
  "__sigismember",
  "__clear_internal_signals",
  "clear_internal_signals",
  "is_internal_signal",
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

/** Words followed by `(` that are not calls. */
export const NOT_CALLS: ReadonlySet<string> = new Set([
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

export const SETXID_RE = /\b(?:INLINE|INTERNAL)_SETXID_SYSCALL\b/;
// An ifunc: glibc's *_ifunc macros, __ifunc*, or GCC's ifunc attribute.
export const IFUNC_RE = new RegExp(
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
export function logicalLines(text: string): string[] {
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
export function syscallInvocations(code: string): { macro: string; syscall: string }[] {
  const re = new RegExp(`\\b(${SYSCALL_MACROS.join("|")})\\s*\\(\\s*([A-Za-z_]\\w*)`, "g");
  return [...code.matchAll(re)].map((m) => ({
    macro: m[1] as string,
    syscall: (m[2] as string).replace(/^__NR_/, ""),
  }));
}

/**
 * The largest number of distinct system calls on any one preprocessor path through `body` (each
 * `#if`/`#elif`/`#else` group contributes its largest branch). The same call on two `if` branches counts
 * once: `__fcntl64_nocancel_adjusted` makes `fcntl64` for F_GETOWN (as F_GETOWN_EX) or for the rest, one
 * system call either way, and C-level branches are not followed.
 */
export function maxSyscallsOnAnyPath(body: string): number {
  type Frame = { names: Set<string>; branches: Set<string>[] };
  const stack: Frame[] = [{ names: new Set(), branches: [] }];
  const top = () => stack[stack.length - 1] as Frame;
  const largest = (sets: Set<string>[]) => sets.reduce((a, b) => (b.size > a.size ? b : a), new Set<string>());
  for (const line of logicalLines(body)) {
    const d = /^\s*#\s*(\w+)/.exec(line)?.[1];
    if (d === "if" || d === "ifdef" || d === "ifndef") {
      stack.push({ names: new Set(), branches: [] });
    } else if ((d === "elif" || d === "else") && stack.length > 1) {
      const frame = top();
      frame.branches.push(frame.names);
      frame.names = new Set();
    } else if (d === "endif" && stack.length > 1) {
      const frame = stack.pop() as Frame;
      for (const name of largest([...frame.branches, frame.names])) top().names.add(name);
    } else if (!d) {
      for (const call of syscallInvocations(line)) top().names.add(call.syscall);
    }
  }
  // Unbalanced conditionals: fold what is left.
  while (stack.length > 1) {
    const frame = stack.pop() as Frame;
    for (const name of largest([...frame.branches, frame.names])) top().names.add(name);
  }
  return top().names.size;
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
 *   - at most one distinct system call on any preprocessor path (`maxSyscallsOnAnyPath`);
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

export function countStatements(code: string): number {
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
