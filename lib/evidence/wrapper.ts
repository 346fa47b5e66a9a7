/**
 * Whether the function that provides a symbol is a thin wrapper, the system calls it makes, and the
 * internal functions it goes through (`via`).
 *
 * A function is thin when its body (the target's compiled lines only):
 *   - has no loop, `switch` or `goto`, and at most `MAX_WRAPPER_STATEMENTS` statements;
 *   - calls nothing but syscall macros, ALL-CAPS macros, `WRAPPER_ALLOWED_CALLS`, thin functions of
 *     the same file, and at most one internal function (`__x`) of another file, itself thin
 *     (`waitpid` -> `__wait4`, `sigprocmask` -> `__pthread_sigmask`);
 *   - makes at most one system call on any preprocessor path, its own or its callee's.
 * The internal function is found where the build provides it (`routinesForSymbol`): a syscalls.list
 * stub (`__execve`) or the function a `.c` winner provides. `via` records the chain even when a link
 * of it is not thin (`execvp` -> `__execvpe`, a loop over PATH), so a reader sees where the work is.
 */
import {
  countStatements,
  logicalLines,
  MAX_WRAPPER_STATEMENTS,
  maxSyscallsOnAnyPath,
  NOT_CALLS,
  SYSCALL_MACROS,
  syscallInvocations,
  WRAPPER_ALLOWED_CALLS,
} from "./c-source";
import type { CFunctionSite, ParsedCFile } from "./symbols";
import type { SyscallsListEntry } from "./syscalls-list";

/** Where an internal symbol is provided, as `WrapperContext.locate` finds it. */
export type SymbolLocation =
  | { type: "list"; path: string; entry: SyscallsListEntry }
  | { type: "assembly"; path: string }
  | { type: "c"; path: string; file: ParsedCFile; fn: CFunctionSite };

export interface WrapperContext {
  locate(symbol: string): SymbolLocation | null;
}

export interface WrapperAnalysis {
  thin: boolean;
  /** System calls made on the thin path, in order, distinct (alternatives when the tree does not decide). */
  syscalls: string[];
  via: string[];
  /** A `SYSCALL_CANCEL` on the way: the call is a cancellation point. */
  cancellation: boolean;
  reason: string;
}

/** How many internal functions deep `via` is followed. */
export const MAX_VIA_DEPTH = 4;

const distinct = (names: string[]) => [...new Set(names)];

export function analyzeFunction(
  ctx: WrapperContext,
  file: ParsedCFile,
  fn: CFunctionSite,
  depth = 0,
  seen: ReadonlySet<string> = new Set(),
): WrapperAnalysis {
  const fail = (reason: string, via: string[] = []): WrapperAnalysis => ({
    thin: false,
    syscalls: [],
    via,
    cancellation: false,
    reason: `${fn.name}: ${reason}`,
  });
  const code = logicalLines(fn.body)
    .filter((l) => !/^\s*#/.test(l))
    .join("\n");
  const loop = /\b(for|while|do|switch|goto)\b/.exec(code);
  if (loop) return fail(loop[1] as string);
  const statements = countStatements(code);
  if (statements > MAX_WRAPPER_STATEMENTS) return fail(`${statements} statements`);
  const direct = syscallInvocations(code);
  if (maxSyscallsOnAnyPath(fn.body) > 1) return fail("several syscalls");
  const inner = new Set([...seen, fn.name]);
  const result: WrapperAnalysis = {
    thin: true,
    syscalls: direct.map((s) => file.syscallRenames.get(s.syscall) ?? s.syscall),
    via: [],
    cancellation: direct.some((s) => s.macro === "SYSCALL_CANCEL"),
    reason: "",
  };
  let external: string | null = null;
  for (const m of code.matchAll(/\b([A-Za-z_]\w*)\s*\(/g)) {
    const callee = m[1] as string;
    if (NOT_CALLS.has(callee) || SYSCALL_MACROS.includes(callee) || WRAPPER_ALLOWED_CALLS.has(callee)) continue;
    if (/^_*[A-Z][A-Z0-9_]*$/.test(callee) || inner.has(callee)) continue;
    const local = file.functions.get(callee);
    if (local) {
      const sub = analyzeFunction(ctx, file, local, depth, inner);
      if (!sub.thin) return { ...sub, via: [...result.via, ...sub.via] };
      merge(result, sub);
    } else if (callee.startsWith("__") && (external === null || external === callee)) {
      external = callee;
    } else {
      return fail(external ? `calls ${external} and ${callee}` : `calls ${callee}`);
    }
  }
  if (external) {
    const sub = followInternal(ctx, external, depth, inner);
    if (!sub.thin) return { ...sub, via: [...result.via, ...sub.via] };
    // One syscall either way (fcntl: SYSCALL_CANCEL for F_SETLKW, the callee's for the rest) is still one.
    const other = sub.syscalls.filter((s) => !result.syscalls.includes(s));
    if (result.syscalls.length > 0 && other.length > 0) return fail("several syscalls", sub.via);
    merge(result, sub);
  }
  result.syscalls = distinct(result.syscalls);
  result.reason = result.syscalls.length
    ? `thin wrapper around ${result.syscalls.join("/")}`
    : `${fn.name}: no syscall macro`;
  return result;
}

function merge(into: WrapperAnalysis, sub: WrapperAnalysis): void {
  into.syscalls.push(...sub.syscalls);
  into.via.push(...sub.via);
  into.cancellation ||= sub.cancellation;
}

/** The analysis of an internal callee, with the callee first in `via`. */
function followInternal(
  ctx: WrapperContext,
  symbol: string,
  depth: number,
  seen: ReadonlySet<string>,
): WrapperAnalysis {
  const notThin = (reason: string, via: string[]): WrapperAnalysis => ({
    thin: false,
    syscalls: [],
    via,
    cancellation: false,
    reason,
  });
  if (depth >= MAX_VIA_DEPTH) return notThin(`${symbol}: deeper than ${MAX_VIA_DEPTH} internal calls`, []);
  const loc = ctx.locate(symbol);
  if (!loc) return notThin(`calls ${symbol}, which the tree does not provide by that name`, []);
  if (loc.type === "assembly") return notThin(`${symbol}: assembly in ${loc.path}`, [symbol]);
  if (loc.type === "list") {
    const syscalls = loc.entry.syscall === "-" ? [] : [loc.entry.syscall];
    return { thin: true, syscalls, via: [symbol], cancellation: false, reason: `${symbol}: stub in ${loc.path}` };
  }
  const sub = analyzeFunction(ctx, loc.file, loc.fn, depth + 1, seen);
  return { ...sub, via: [symbol, ...sub.via] };
}
