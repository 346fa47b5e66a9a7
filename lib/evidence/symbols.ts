/**
 * Which function of a C file provides a symbol, once the target's conditions are applied.
 *
 * glibc defines most public names through aliases of an internal function:
 * `weak_alias (__libc_open64, open)`, `strong_alias (__setrlimit64, __setrlimit)`,
 * `versioned_symbol (libc, __pthread_sigmask, pthread_sigmask, GLIBC_2_32)`. A file provides a
 * symbol when, in its compiled lines (`activeText`), a function of that name is defined or an alias
 * chain leads to one. One more rule: on a target with `__TIMESIZE == 64` the headers of `include/`
 * rename `__x_time64` and `__x64` to `__x` (`#define __wait4_time64 __wait4`,
 * `#define __clock_gettime64 __clock_gettime`), so `__wait4` is provided by the definition of
 * `__wait4_time64`.
 */
import { activeText, type TargetMacros } from "./conditions";
import { functionDefinitions, stripComments } from "./c-source";

export interface CFunctionSite {
  name: string;
  body: string;
  /** 1-based line of the function's name in the file. */
  line: number;
}

export interface ParsedCFile {
  /** Comments removed and branches the target rules out blanked; line numbers are the file's. */
  code: string;
  functions: Map<string, CFunctionSite>;
  /** Alias name -> the name it aliases. */
  aliases: Map<string, string>;
  /** Syscall names the file redirects (`# define __NR_fcntl64 __NR_fcntl` where the target lacks fcntl64). */
  syscallRenames: Map<string, string>;
}

const ALIAS_RE =
  /\b(?:weak_alias|strong_alias|static_weak_alias|ldbl_strong_alias|ldbl_weak_alias)\s*\(\s*(\w+)\s*,\s*(\w+)\s*\)/g;
const VERSIONED_RE = /\b(?:versioned_symbol|compat_symbol)\s*\(\s*\w+\s*,\s*(\w+)\s*,\s*(\w+)\s*,/g;

/** The 1-based line where `name (` starts a definition: glibc writes the name at the start of its line. */
function definitionLine(code: string, name: string): number {
  const lines = code.split("\n");
  const atStart = new RegExp(`^${name}\\s*\\(`);
  const typed = new RegExp(`^[A-Za-z_][^;=()]*[\\s*]${name}\\s*\\(`);
  let i = lines.findIndex((l) => atStart.test(l));
  if (i < 0) i = lines.findIndex((l) => typed.test(l) && !/;\s*$/.test(l));
  return i + 1;
}

export function parseCFile(text: string, macros: TargetMacros): ParsedCFile {
  const code = stripComments(activeText(text, macros));
  const functions = new Map<string, CFunctionSite>();
  for (const fn of functionDefinitions(code)) {
    if (!functions.has(fn.name)) functions.set(fn.name, { ...fn, line: definitionLine(code, fn.name) });
  }
  const aliases = new Map<string, string>();
  for (const m of code.matchAll(ALIAS_RE)) aliases.set(m[2] as string, m[1] as string);
  for (const m of code.matchAll(VERSIONED_RE))
    if (!aliases.has(m[2] as string)) aliases.set(m[2] as string, m[1] as string);
  const syscallRenames = new Map<string, string>();
  for (const m of code.matchAll(/^\s*#\s*define\s+__NR_(\w+)\s+__NR_(\w+)\s*$/gm))
    syscallRenames.set(m[1] as string, m[2] as string);
  return { code, functions, aliases, syscallRenames };
}

/** The function that provides `symbol` in the file, following aliases; null when the file does not provide it. */
export function providingFunction(file: ParsedCFile, symbol: string, timesize64: boolean): CFunctionSite | null {
  let name = symbol;
  for (let hops = 0; hops < 8; hops++) {
    const renamed = timesize64 ? [`${name}_time64`, `${name}64`] : [];
    const fn = [name, ...renamed].map((n) => file.functions.get(n)).find((f) => f !== undefined);
    if (fn) return fn;
    const next = file.aliases.get(name);
    if (!next || next === name) return null;
    name = next;
  }
  return null;
}

/**
 * Routine names where an internal symbol is looked for: `__wait4` in `wait4`, `__libc_sigaction` in
 * `libc_sigaction` then `sigaction`, `__fstatat64_time64` in `fstatat64_time64` then `fstatat64`.
 */
export function routinesForSymbol(symbol: string): string[] {
  const bare = symbol.replace(/^_+/, "");
  const out = [
    bare,
    bare.replace(/^libc_/, ""),
    bare.replace(/_time64$/, ""),
    bare.replace(/^libc_/, "").replace(/64$/, ""),
  ];
  return [...new Set(out.filter((r) => r.length > 0))];
}
