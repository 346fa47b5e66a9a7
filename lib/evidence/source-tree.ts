import fs from "node:fs";
import path from "node:path";
import { GLIBC_DATA_DIR } from "./search-order";

// A glibc source tree as the classifier reads it: a real checkout, or the file list and syscalls.list
// lines kept under data/ (which has no file contents).

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
