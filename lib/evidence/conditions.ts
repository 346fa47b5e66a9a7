/**
 * The target's `__*_MATCHES_*` conditions (and the few others below), and the lines of a C file
 * that survive them.
 *
 * glibc's Linux sources compile whole files to nothing when the target's 32-bit and 64-bit types
 * agree (`#ifndef __OFF_T_MATCHES_OFF64_T` around all of `open.c` on x86_64; the symbol then comes
 * from `open64.c` through `weak_alias`). The classifier must know which, so it evaluates exactly
 * these conditions, taking their values from the target's own headers (`TARGET_HEADERS`, each the
 * first found along the search order) rather than from a table. Decided besides the `_MATCHES_`
 * names: `__WORDSIZE` and `__TIMESIZE` (wait4.c's `#if __TIMESIZE != 64`), `__NR_<syscall>` when the
 * target has an `arch-syscall.h` (`#ifdef __NR_dup2`), and the `struct stat` layout macros.
 *
 * A condition that mentions anything else (`SHLIB_COMPAT (...)`, `IS_IN (libc)`) is not
 * decided: every branch of it is kept.
 */
import type { SourceTree } from "./source-tree";

/** The `_MATCHES_` macro names: undefined unless a target header defines them. */
export const MATCHES_MACRO = /^_+[A-Z0-9_]*_MATCHES_[A-Z0-9_]+$/;

/** Values of the decided macros, and whether a name is decided at all (then absent means undefined). */
export interface TargetMacros {
  values: ReadonlyMap<string, number | null>;
  decides(name: string): boolean;
}

/**
 * The headers read for the target, in order (each may use macros of the earlier ones), and the names
 * each decides once found: the type sizes, the kernel's syscall numbers as glibc records them
 * (`arch-syscall.h`, generated from the kernel's), and the layout of `struct stat` (`stat.c` and
 * `fstatat64.c` test `XSTAT_IS_XSTAT64` and `FSTATAT_USE_STATX`).
 */
export const TARGET_HEADERS: readonly { header: string; decides: (name: string) => boolean }[] = [
  { header: "bits/wordsize.h", decides: (n) => n === "__WORDSIZE" || n === "__SYSCALL_WORDSIZE" },
  { header: "bits/timesize.h", decides: (n) => n === "__TIMESIZE" },
  { header: "bits/typesizes.h", decides: (n) => MATCHES_MACRO.test(n) },
  { header: "bits/dirent.h", decides: (n) => MATCHES_MACRO.test(n) },
  { header: "arch-syscall.h", decides: (n) => n.startsWith("__NR_") },
  {
    header: "kernel_stat.h",
    decides: (n) => /^(XSTAT_IS_XSTAT64|STAT_IS_KERNEL_STAT|STAT64_IS_KERNEL_STAT64)$/.test(n),
  },
  { header: "internal-stat.h", decides: (n) => n === "FSTATAT_USE_STATX" },
];

/** Predefined compiler macros for the CPU of a triple (what `gcc -m64` defines that the headers test). */
export function compilerMacros(target: string): Map<string, number | null> {
  const cpu = target.split("-")[0] ?? "";
  const m = new Map<string, number | null>();
  if (cpu === "x86_64") m.set("__x86_64__", 1);
  if (cpu === "aarch64") m.set("__aarch64__", 1);
  m.set("__ILP32__", null);
  return m;
}

type Value = number | null | undefined; // undefined: not decided

/** An `#if` expression's value; `decides` says which names absent from `macros` are known to be undefined. */
function evaluate(expr: string, macros: ReadonlyMap<string, number | null>, decides: (name: string) => boolean): Value {
  const lookup = (name: string): Value => {
    if (macros.has(name)) return macros.get(name);
    return decides(name) ? null : undefined;
  };
  let undecided = false;
  const replaced = expr
    .replace(/\bdefined\s*(?:\(\s*([A-Za-z_]\w*)\s*\)|([A-Za-z_]\w*))/g, (_, a: string, b: string) => {
      const v = lookup(a ?? b);
      if (v === undefined) undecided = true;
      return v === null || v === undefined ? "0" : "1";
    })
    .replace(/\b[A-Za-z_]\w*\b/g, (name) => {
      const v = lookup(name);
      if (v === undefined) undecided = true;
      return String(v ?? 0);
    })
    .replace(/\b(\d+)[uUlL]+\b/g, "$1");
  if (undecided || !/^[\d\s()!&|=<>+\-*]*$/.test(replaced)) return undefined;
  try {
    // Only digits and operators remain (checked above), so this evaluates arithmetic, nothing else.
    const result: unknown = new Function(`return (${replaced});`)();
    return typeof result === "number" || typeof result === "boolean" ? Number(result) : undefined;
  } catch {
    return undefined;
  }
}

interface Frame {
  /** This group's branch is compiled (true), not (false), or undecided (null). */
  active: boolean | null;
  /** A decided-true branch has been seen in this group. */
  taken: boolean;
  /** Some branch of the group was undecided. */
  undecided: boolean;
}

/**
 * The file with the lines of branches the target's macros rule out blanked (line numbers are kept).
 * Conditions on names the target does not decide keep every branch.
 */
export function activeText(text: string, target: TargetMacros): string {
  return preprocess(text, new Map(target.values), (name) => target.decides(name), false);
}

/**
 * `activeText`'s walk. `closed` (for headers, read top to bottom): their `#define`s and `#undef`s
 * in live branches are collected into `macros`.
 */
function preprocess(
  text: string,
  macros: Map<string, number | null>,
  decides: (name: string) => boolean,
  closed: boolean,
): string {
  const lines = text.split("\n");
  const stack: Frame[] = [];
  const live = () => stack.every((f) => f.active !== false);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let logical = lines[i] as string;
    let span = 1;
    while (logical.endsWith("\\") && i + span < lines.length) logical = logical.slice(0, -1) + lines[i + span++];
    const m = /^\s*#\s*(\w+)\s*(.*)$/.exec(logical.replace(/\/\*.*?\*\/|\/\/.*$/g, " "));
    const d = m?.[1];
    const arg = (m?.[2] ?? "").trim();
    const wasLive = live();
    if (d === "if" || d === "ifdef" || d === "ifndef") {
      const expr = d === "if" ? arg : `${d === "ifndef" ? "!" : ""}defined ${arg}`;
      const v = evaluate(expr, macros, decides);
      const active = v === undefined ? null : v !== 0;
      stack.push({ active, taken: active === true, undecided: v === undefined });
    } else if ((d === "elif" || d === "else") && stack.length) {
      const f = stack[stack.length - 1] as Frame;
      const v = d === "else" ? 1 : evaluate(arg, macros, decides);
      if (f.taken) f.active = false;
      else if (v === undefined || (f.undecided && d === "else")) f.active = null;
      else f.active = v !== 0;
      if (v === undefined) f.undecided = true;
      if (f.active === true) f.taken = true;
    } else if (d === "endif" && stack.length) {
      stack.pop();
    } else if (d === "define" && wasLive && closed) {
      const def = /^([A-Za-z_]\w*)(\(?)\s*(.*)$/.exec(arg);
      // A value that is no number (`__WORDSIZE` aside: `__SLONGWORD_TYPE`, a struct) is recorded as 0.
      if (def && !def[2]) macros.set(def[1] as string, evaluate(def[3] || "1", macros, decides) ?? 0);
    } else if (d === "undef" && wasLive && closed) {
      macros.set(arg, null);
    }
    const conditional = d === "if" || d === "ifdef" || d === "ifndef" || d === "elif" || d === "else" || d === "endif";
    const keep = conditional || live();
    for (let k = 0; k < span; k++) out.push(keep ? (lines[i + k] as string) : "");
    i += span - 1;
  }
  return out.join("\n");
}

/**
 * The target's decided macros, read from its headers along `dirs` (repo-relative search directories).
 * A family of names is decided only when the header that defines it was found (a small test tree may
 * have none of them: then nothing is decided and every branch is kept).
 */
export function targetMacros(tree: SourceTree, dirs: readonly string[], target: string): TargetMacros {
  const macros = compilerMacros(target);
  const find = (file: string) => {
    const slash = file.lastIndexOf("/");
    const name = file.slice(slash + 1);
    const dir = dirs.find((d) => tree.listDir(slash < 0 ? d : `${d}/${file.slice(0, slash)}`).includes(name));
    return dir ? tree.readFile(`${dir}/${file}`) : null;
  };
  const deciders: ((name: string) => boolean)[] = [];
  for (const { header, decides } of TARGET_HEADERS) {
    const text = find(header);
    if (text === null) continue;
    deciders.push(decides);
    preprocess(text, macros, () => true, true);
  }
  const decides = (name: string) => deciders.some((d) => d(name));
  const values = new Map<string, number | null>();
  for (const [name, value] of macros) if (decides(name)) values.set(name, value);
  return { values, decides };
}
