/**
 * Which file the build compiles for a routine, with `syscalls.list` applied as `make-syscalls.sh`
 * and `sysdeps/unix/Makefile` apply it (bminor/glibc at 04e750e7):
 *
 * - Lists are read in search order, and only from directories up to `sysdeps/unix` (the Makefile's
 *   loop stops there).
 * - A line whose object is `F` is dropped when `F.c` or `F.S`, or `C.c`/`C.S` for a caller field `C`
 *   other than `-`, exists in a strictly earlier directory; a `.c` in the list's own directory does
 *   not drop it. The generated rule is an explicit one, so in that directory the stub beats the `.c`.
 * - The first list that builds an object wins (`ifeq (,$(filter F,$(unix-syscalls)))`), and the first
 *   line naming a symbol (object, strong or weak name) is the one that provides it.
 * - Otherwise the first directory with `name.S` (sysd-rules put the `.S` pattern first) or `name.c`.
 *
 * A dropped line's names are attributed to the file that dropped it (its srcfile in make-syscalls).
 */
import path from "node:path";
import { includedImplementation, MAX_INCLUDE_DEPTH } from "./c-source";
import type { SourceTree } from "./source-tree";
import { parseSyscallsList, type SyscallsListEntry } from "./syscalls-list";

export type Winner =
  { type: "file"; path: string; ext: "S" | "c" } | { type: "list"; path: string; entry: SyscallsListEntry };

interface StubSite {
  dirIndex: number;
  winner: Winner;
}

/** A `.c` winner's code: the file itself, or the file it only includes (`followed` lists the hops). */
export interface Implementation {
  source: string;
  text: string | null;
  followed: string[];
}

function joinPath(dir: string, file: string): string {
  const parts: string[] = [];
  for (const seg of `${dir}/${file}`.split("/")) {
    if (!seg || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return parts.join("/");
}

export class Resolver {
  private files = new Map<string, Set<string>>();
  private stubs: Map<string, StubSite> | null = null;

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

  readFile(p: string): string | null {
    return this.tree.readFile(p);
  }

  private listIn(dir: string): SyscallsListEntry[] {
    if (!this.filesIn(dir).has("syscalls.list")) return [];
    return parseSyscallsList(this.tree.readFile(`${dir}/syscalls.list`) ?? "");
  }

  /** make-syscalls.sh's srcfile: the first `F.c`, `F.S`, `C.c`, `C.S` in the directories before `upTo`. */
  private dropper(entry: SyscallsListEntry, upTo: number): Winner | null {
    for (let i = 0; i < upTo; i++) {
      const dir = this.dirs[i] as string;
      const files = this.filesIn(dir);
      const names = entry.caller === "-" ? [entry.file] : [entry.file, entry.caller];
      for (const n of names) {
        if (files.has(`${n}.c`)) return { type: "file", path: `${dir}/${n}.c`, ext: "c" };
        if (files.has(`${n}.S`)) return { type: "file", path: `${dir}/${n}.S`, ext: "S" };
      }
    }
    return null;
  }

  /** Every symbol a syscalls.list line names, with the directory that provides it. */
  private stubIndex(): Map<string, StubSite> {
    if (this.stubs) return this.stubs;
    const index = new Map<string, StubSite>();
    const built = new Set<string>();
    const unix = this.dirs.indexOf("sysdeps/unix");
    const last = unix >= 0 ? unix : this.dirs.length - 1;
    for (let i = 0; i <= last; i++) {
      const dir = this.dirs[i] as string;
      if (!dir.startsWith("sysdeps/")) break;
      for (const entry of this.listIn(dir)) {
        const dropped = this.dropper(entry, i);
        if (!dropped && built.has(entry.file)) continue;
        if (!dropped) built.add(entry.file);
        const winner: Winner = dropped ?? { type: "list", path: `${dir}/syscalls.list`, entry };
        for (const name of [entry.file, entry.strong, ...entry.weak]) {
          if (!index.has(name)) index.set(name, { dirIndex: i, winner });
        }
      }
    }
    this.stubs = index;
    return index;
  }

  /** The syscalls.list line that builds a stub for `symbol`, if one does. */
  stubFor(symbol: string): Winner | null {
    const site = this.stubIndex().get(symbol);
    return site?.winner.type === "list" ? site.winner : null;
  }

  /** What the build compiles for the routine `name`, or null when no directory provides it. */
  find(name: string): Winner | null {
    const stub = this.stubIndex().get(name);
    for (let i = 0; i < this.dirs.length; i++) {
      if (stub && stub.dirIndex === i) return stub.winner;
      const dir = this.dirs[i] as string;
      const files = this.filesIn(dir);
      if (files.has(`${name}.S`)) return { type: "file", path: `${dir}/${name}.S`, ext: "S" };
      if (files.has(`${name}.c`)) return { type: "file", path: `${dir}/${name}.c`, ext: "c" };
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

  /**
   * A `.c` file's code, following files that only `#include` another implementation (see
   * `includedImplementation`) up to `MAX_INCLUDE_DEPTH` hops; `source` may end as a `.S` file.
   */
  implementation(file: string): Implementation {
    const followed: string[] = [];
    let source = file;
    let text = this.tree.readFile(source);
    for (let depth = 0; text !== null && depth < MAX_INCLUDE_DEPTH; depth++) {
      const inc = includedImplementation(text);
      if (!inc) break;
      const next = this.resolveInclude(inc.target, inc.quoted, source);
      if (!next || next === file || followed.includes(next)) break;
      followed.push(next);
      source = next;
      text = this.tree.readFile(source);
      if (source.endsWith(".S")) break;
    }
    return { source, text, followed };
  }
}
