/**
 * How glibc implements a function, read from a glibc source tree.
 *
 * Resolution (what the build would compile for the routine; the syscalls.list rules are in `resolver.ts`):
 * - Directories searched, in order: `sysdeps/<d>` for each `d` of the sysdeps search order
 *   (see `search-order.ts`; it ends with `generic`), then the top-level source subdirectories
 *   (`posix/`, `misc/`, `io/`, ... — `GLIBC_SOURCE_SUBDIRS`, or the `generic` argument).
 * - In one directory a routine `name` is provided by, in this order of preference:
 *     1. a line of the directory's `syscalls.list` (up to `sysdeps/unix`) whose "File name" column,
 *        strong name or one of its weak names (version suffixes stripped) is `name`, unless a file
 *        of a strictly earlier directory drops it;
 *     2. `<name>.S`;
 *     3. `<name>.c`.
 *   The first directory that provides the routine wins (the routine winner, `path`).
 * - The symbol provider (`provider`, and `line` in it): the function that defines `name` in the
 *   winner's compiled lines, through aliases (`symbols.ts`). A winner that compiles to nothing for
 *   the target (`open.c` under `#ifndef __OFF_T_MATCHES_OFF64_T`) leaves the symbol to its `*64`
 *   sibling (`open64.c`: `weak_alias (__libc_open64, open)`).
 * - `syscalls`, `via` and the cancellation flag come from `wrapper.ts`; a stub's flags from its
 *   syscalls.list line: `E` (errno not set), `V` (errno returned) and `EXTRA` (the caller field that
 *   makes the stub an exported routine of its own, such as `pivot_root` and `capset`).
 *
 * Kinds:
 * - `syscall-stub`: a syscalls.list line (`syscall` = its syscall-name column).
 * - `assembly`: a `.S` file.
 * - For a `.c` provider (after following a simple include, below), the first that applies:
 *   - `setxid-broadcast`: it uses `INLINE_SETXID_SYSCALL` (or `INTERNAL_SETXID_SYSCALL`), so in a
 *     multi-threaded process the call is broadcast to every thread.
 *   - `ifunc`: it selects an implementation at load time (`libc_ifunc`, `libc_ifunc_redirected`,
 *     `libc_ifunc_hidden`, `libm_ifunc`, `__ifunc`, `__ifunc_resolver`, `__attribute__ ((ifunc ...))`).
 *   - `syscall-wrapper`: the providing function is thin (`analyzeFunction`) and makes a syscall
 *     (when no providing function is found, every function of the file must be thin, `analyzeCSource`).
 *   - `c`: anything else, including a `.c` whose contents cannot be read (e.g. the data-only tree).
 * - `absent`: no directory provides it and no routine the Makefiles name defines or aliases it
 *   (e.g. `cap_set_proc`, which is libcap's); see `definingFile`.
 *
 * Include following: a `.c` file that `#include`s a `.c`/`.S` file and defines no function of its
 * own (typically only `#define`s, `#include`s and perhaps top-level `asm`) is classified by the
 * included file (the last such include). `"x.c"` is looked up next to the including file, then
 * like `<x.c>`; `<p/x.c>` is looked up from the repository root, then under every search
 * directory in order. At most
 * `MAX_INCLUDE_DEPTH` levels are followed; the file itself is never its own target. `path`
 * stays the file the search found; `followed` lists the files read through includes.
 */
import { analyzeCSource, IFUNC_RE, SETXID_RE } from "./c-source";
import { targetMacros, type TargetMacros } from "./conditions";
import { Resolver, type Winner } from "./resolver";
import { GLIBC_SOURCE_SUBDIRS, type SourceTree } from "./source-tree";
import { parseCFile, providingFunction, routinesForSymbol, type ParsedCFile } from "./symbols";
import type { SyscallsListEntry } from "./syscalls-list";
import { analyzeFunction, type SymbolLocation, type WrapperContext } from "./wrapper";

export type ImplementationKind =
  "syscall-stub" | "assembly" | "ifunc" | "setxid-broadcast" | "syscall-wrapper" | "c" | "absent";

export interface Evidence {
  function: string;
  kind: ImplementationKind;
  /** The routine winner, repo-relative (sysdeps/unix/sysv/linux/open.c); "" when absent. */
  path: string;
  /** The first of `syscalls`, or "" (kept for the estimate note and older clients). */
  syscall: string;
  /** The file whose code provides the symbol (open64.c for open); `path` unless they differ; "" when absent. */
  provider: string;
  /** 1-based line of the definition or syscalls.list line in `provider`; 0 when unknown. */
  line: number;
  /** System calls made: a stub's, a thin wrapper's (through `via`), a set*id broadcast's; [] for other code. */
  syscalls: string[];
  /** Internal functions a wrapper goes through, in call order (waitpid: __wait4). */
  via: string[];
  /** `E`, `V`, `EXTRA` (syscalls.list) and `cancellation` (a SYSCALL_CANCEL on the way). */
  flags: string[];
  /** Files read by following `#include "x.c"`-only files (see module comment), when any. */
  followed?: string[];
}

const SETXID_CALL_RE = /\b(?:INLINE|INTERNAL)_SETXID_SYSCALL\s*\(\s*(\w+)/g;

function stubFlags(entry: SyscallsListEntry): string[] {
  const flags: string[] = [];
  if (entry.args.startsWith("E")) flags.push("E");
  if (entry.args.startsWith("V")) flags.push("V");
  if (entry.caller === "EXTRA") flags.push("EXTRA");
  return flags;
}

/** The first line of a file that names `name` as a word (for `.S` files: its ENTRY line), else 0. */
function lineNaming(text: string | null, name: string): number {
  if (text === null) return 0;
  const re = new RegExp(`\\b_*${name}\\b`);
  return text.split("\n").findIndex((l) => re.test(l)) + 1;
}

const ROUTINES_RE = /^\s*(?:routines|sysdep_routines)\s*[:+]?=((?:.*\\\n)*.*)$/gm;

/**
 * The words of every `routines` and `sysdep_routines` assignment in the Makefiles of `dirs`
 * (conditionals ignored, `$(...)` references skipped): the objects that go into libc and its
 * libraries, as opposed to test programs (`tst-interpose-aux.c` defines `malloc`), ld.so's own
 * copies (`elf/dl-environ.c` defines `unsetenv`) and preloadable libraries (`malloc-debug.c`).
 */
function makefileRoutines(resolver: Resolver): Set<string> {
  const out = new Set<string>();
  for (const dir of resolver.dirs) {
    if (!resolver.filesIn(dir).has("Makefile")) continue;
    for (const m of (resolver.readFile(`${dir}/Makefile`) ?? "").matchAll(ROUTINES_RE)) {
      for (const w of (m[1] as string).replace(/\\\n/g, " ").split(/\s+/)) if (/^[\w.-]+$/.test(w)) out.add(w);
    }
  }
  return out;
}

class Classifier implements WrapperContext {
  private parsed = new Map<string, ParsedCFile | null>();
  private definers: Map<string, string> | null = null;
  private readonly timesize64: boolean;

  constructor(
    private readonly resolver: Resolver,
    private readonly macros: TargetMacros,
  ) {
    this.timesize64 = macros.values.get("__TIMESIZE") === 64;
  }

  parse(p: string): ParsedCFile | null {
    if (!this.parsed.has(p)) {
      const text = this.resolver.readFile(p);
      this.parsed.set(p, text === null ? null : parseCFile(text, this.macros));
    }
    return this.parsed.get(p) ?? null;
  }

  /** The `.c` code that provides `symbol` for a routine winner, following include-only files. */
  private provided(winner: Winner | null, symbol: string) {
    if (winner?.type !== "file" || winner.ext !== "c") return null;
    const impl = this.resolver.implementation(winner.path);
    if (impl.source.endsWith(".S")) return null;
    const file = this.parse(impl.source);
    const fn = file && providingFunction(file, symbol, this.timesize64);
    return file && fn ? { path: impl.source, file, fn } : null;
  }

  /**
   * For a name no routine is called after (`calloc` in malloc.c, `sigemptyset` in sigempty.c, `_Exit`
   * aliased in _exit.c): the first routine winner, in search order, whose compiled lines define or
   * alias it. Only routines the Makefiles name are read, and only their winners, so a file the build
   * replaces never answers; a tree without Makefiles (the shipped data, small fixtures) has none.
   */
  private definingFile(symbol: string): Winner | null {
    if (!this.definers) {
      this.definers = new Map();
      const routines = makefileRoutines(this.resolver);
      const seen = new Set<string>();
      for (const dir of this.resolver.dirs) {
        for (const f of this.resolver.filesIn(dir)) {
          const routine = f.slice(0, -2);
          if (!f.endsWith(".c") || !routines.has(routine) || seen.has(routine)) continue;
          seen.add(routine);
          const winner = this.resolver.find(routine);
          if (winner?.type !== "file" || winner.ext !== "c") continue;
          const file = this.parse(this.resolver.implementation(winner.path).source);
          for (const name of [...(file?.functions.keys() ?? []), ...(file?.aliases.keys() ?? [])]) {
            if (!this.definers.has(name)) this.definers.set(name, winner.path);
          }
        }
      }
    }
    const found = this.definers.get(symbol);
    return found ? { type: "file", path: found, ext: "c" } : null;
  }

  locate(symbol: string): SymbolLocation | null {
    const stub = this.resolver.stubFor(symbol);
    if (stub?.type === "list") return stub;
    for (const routine of routinesForSymbol(symbol)) {
      const winner = this.resolver.find(routine);
      if (winner?.type === "file" && winner.ext === "S" && routine === symbol.replace(/^_+/, ""))
        return { type: "assembly", path: winner.path };
      const found = this.provided(winner, symbol);
      if (found) return { type: "c", ...found };
    }
    // Defined in a routine named otherwise (`__fcntl64_nocancel_adjusted` in fcntl_nocancel.c).
    const found = this.provided(this.definingFile(symbol), symbol);
    return found ? { type: "c", ...found } : null;
  }

  classify(name: string): Evidence {
    const none = { provider: "", line: 0, syscalls: [], via: [], flags: [] };
    const winner = this.resolver.find(name) ?? this.definingFile(name);
    if (!winner) return { function: name, kind: "absent", path: "", syscall: "", ...none };
    if (winner.type === "list") {
      const { entry } = winner;
      const syscalls = entry.syscall === "-" ? [] : [entry.syscall];
      return {
        function: name,
        kind: "syscall-stub",
        path: winner.path,
        syscall: syscalls[0] ?? "",
        provider: winner.path,
        line: entry.line,
        syscalls,
        via: [],
        flags: stubFlags(entry),
      };
    }
    const base = { function: name, path: winner.path, via: [] as string[], flags: [] as string[] };
    if (winner.ext === "S") {
      const line = lineNaming(this.resolver.readFile(winner.path), name);
      return { ...base, kind: "assembly", syscall: "", provider: winner.path, line, syscalls: [] };
    }
    const impl = this.resolver.implementation(winner.path);
    const followed = impl.followed.length > 0 ? { followed: impl.followed } : {};
    if (impl.source.endsWith(".S")) {
      const line = lineNaming(impl.text, name);
      return { ...base, kind: "assembly", syscall: "", provider: impl.source, line, syscalls: [], ...followed };
    }
    // The winner compiles to nothing for this target: the symbol comes from the *64 sibling.
    const found = this.provided(winner, name) ?? this.provided(this.resolver.find(`${name}64`), name);
    const provider = found?.path ?? impl.source;
    const file = found?.file ?? this.parse(provider);
    if (!file) return { ...base, kind: "c", syscall: "", provider, line: 0, syscalls: [], ...followed };
    const line = found?.fn.line ?? 0;
    const setxid = [...file.code.matchAll(SETXID_CALL_RE)].map((m) => m[1] as string);
    if (SETXID_RE.test(file.code)) {
      const syscalls = [...new Set(setxid)];
      return { ...base, kind: "setxid-broadcast", syscall: syscalls[0] ?? "", provider, line, syscalls, ...followed };
    }
    if (IFUNC_RE.test(file.code)) {
      return { ...base, kind: "ifunc", syscall: "", provider, line, syscalls: [], ...followed };
    }
    if (!found) {
      const analysis = analyzeCSource(file.code, name);
      const syscalls = analysis.syscall ? [analysis.syscall] : [];
      return { ...base, kind: analysis.kind, syscall: analysis.syscall, provider, line, syscalls, ...followed };
    }
    const r = analyzeFunction(this, found.file, found.fn);
    const thin = r.thin && r.syscalls.length > 0;
    const syscalls = thin ? r.syscalls : [];
    const routineBase = name.replace(/^_+/, "").replace(/(_time64|64)$/, "");
    const syscall =
      syscalls.length === 1 ? (syscalls[0] as string) : (syscalls.find((s) => s === name || s === routineBase) ?? "");
    return {
      ...base,
      kind: thin ? "syscall-wrapper" : "c",
      syscall,
      provider,
      line,
      syscalls,
      via: r.via,
      flags: thin && r.cancellation ? ["cancellation"] : [],
      ...followed,
    };
  }
}

/**
 * A classifier for one tree and target, reused across calls (it caches parsed files and the index of
 * routines). `order` is the sysdeps search order (relative to `sysdeps/`, as `sysdepsSearchOrder`
 * returns it); `generic` the top-level source subdirectories searched after it (default
 * `GLIBC_SOURCE_SUBDIRS`); `target` picks the compiler's predefined macros.
 */
export function createClassifier(
  tree: SourceTree,
  order: string[],
  generic: readonly string[] = GLIBC_SOURCE_SUBDIRS,
  target = "x86_64-linux-gnu",
): (name: string) => Evidence {
  const dirs = [...order.map((d) => `sysdeps/${d}`), ...generic];
  const classifier = new Classifier(new Resolver(tree, dirs), targetMacros(tree, dirs, target));
  return (name) => classifier.classify(name);
}

/** Classify each routine name (see `createClassifier`). */
export function classifyFunctions(
  names: string[],
  tree: SourceTree,
  order: string[],
  generic: readonly string[] = GLIBC_SOURCE_SUBDIRS,
  target = "x86_64-linux-gnu",
): Evidence[] {
  return names.map(createClassifier(tree, order, generic, target));
}
