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
import path from "node:path";
import { analyzeCSource, includedImplementation, MAX_INCLUDE_DEPTH } from "./c-source";
import { GLIBC_SOURCE_SUBDIRS, type SourceTree } from "./source-tree";
import { parseSyscallsList, type SyscallsListEntry } from "./syscalls-list";

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
