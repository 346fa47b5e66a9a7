/**
 * The glibc sysdeps search order for a target triple, computed the way glibc's
 * `configure.ac` computes `sysnames` (section "Compute the list of sysdep
 * directories for this configuration", bminor/glibc configure.ac).
 *
 * 1. Candidates. configure splits the host into machine, vendor and OS and builds
 *    - `base`: the base OS directory and its ancestors (`linux*` -> `unix/sysv`, `unix`;
 *      `gnu*` (Hurd) -> `mach/hurd`, `mach`),
 *    - `ostry`: the OS name and its shortenings (`linux-gnu` -> `linux-gnu`, `linux`),
 *    - `mach`: the machine directory and its ancestors, each first with the FPU
 *      directory and `/multiarch`, then without (`x86_64/64/fpu/multiarch`,
 *      `x86_64/64/fpu`, `x86_64/64/multiarch`, `x86_64/64`, `x86_64/fpu/multiarch`, ...).
 *      The machine comes from the architecture's `preconfigure` fragment:
 *      `sysdeps/x86_64/preconfigure` turns `x86_64` into `x86_64/64` (or `x86_64/x32`),
 *      `sysdeps/i386/preconfigure` turns `i686` into `i386/i686`, `aarch64*` becomes `aarch64`.
 *    and tries, in this nesting order (outermost first),
 *      for b in base '' ; for m0 in mach '' ; for v in /vendor '' ; for o in ostry '' ; for m in mach ''
 *        sysdeps/<m0><b><v><o><m>
 *    keeping the ones that exist.
 * 2. Expansion. A queue starts with those names. Take the first; skip it if already
 *    listed; otherwise list it and requeue as
 *      Implies  <rest of queue>  Implies-before  <parent>  Implies-after
 *    (the names in its `Implies` files that exist, relative to `sysdeps/`; the parent is
 *    the name minus its last component, none for a top-level directory).
 * 3. `generic` is appended.
 *
 * There is no special "nptl"/"pthread" handling in configure any more: `nptl` comes from
 * `sysdeps/unix/sysv/linux/Implies` and `pthread` from `sysdeps/nptl/Implies`.
 *
 * For x86_64-linux-gnu at glibc 04e750e75b73957cf1c791535a3f4319534a52fc, computed from the
 * shipped data (`data/glibc-sysdeps/paths.txt` + `implies.tsv`, FPU and multiarch on), the
 * order is these 29 directories:
 *
 *   unix/sysv/linux/x86_64/64  x86_64/64/nptl  unix/sysv/linux/x86_64  unix/sysv/linux/x86
 *   x86/nptl  unix/sysv/linux/wordsize-64  x86_64/nptl  unix/sysv/linux  nptl  pthread  gnu
 *   unix/inet  unix/sysv  unix/x86_64  unix  posix  x86_64/64  x86_64/fpu/multiarch
 *   x86_64/fpu  x86/fpu  x86_64/multiarch  x86_64  x86  ieee754/float128  ieee754/ldbl-96
 *   ieee754/dbl-64  ieee754/flt-32  ieee754  generic
 *
 * Caveat: the data records `Implies` files only. `sysdeps/x86_64/64/Implies-after` exists in
 * the tree but its contents are not in the data, so a real checkout read through
 * `fsSysdepsTree` (which honours `Implies-before`/`Implies-after`) may list one more directory.
 */
import fs from "node:fs";
import path from "node:path";

/** Directories are relative to `sysdeps/` (e.g. "unix/sysv/linux"). */
export interface SysdepsTree {
  exists(dir: string): boolean;
  /** Names in `sysdeps/<dir>/Implies`, in file order, comments and blanks dropped. */
  implies(dir: string): string[];
  /** Names in `sysdeps/<dir>/Implies-before` (optional; configure puts them before the parent). */
  impliesBefore?(dir: string): string[];
  /** Names in `sysdeps/<dir>/Implies-after` (optional; configure puts them after the parent). */
  impliesAfter?(dir: string): string[];
}

export interface TargetOptions {
  /** Override the machine directory (default: derived as the preconfigure fragments do). */
  machine?: string;
  /** `--with-cpu`: appended to the machine as a sub-directory. */
  submachine?: string;
  /** Use `/fpu` (true, the default: `with_fp_cond=1`) or `/nofpu` directories. */
  fpu?: boolean;
  /** Try `/multiarch` variants (default true: configure's default when the toolchain supports IFUNC). */
  multiarch?: boolean;
}

export interface ParsedTarget {
  cpu: string;
  vendor: string;
  os: string;
  machine: string;
  baseOs: string;
}

/** Split a GNU triple like `x86_64-linux-gnu` or `x86_64-pc-linux-gnu` (config.sub style, without its database). */
export function parseTarget(target: string, options: TargetOptions = {}): ParsedTarget {
  const parts = target
    .trim()
    .split("-")
    .filter((p) => p.length > 0);
  const cpu = parts[0];
  if (!cpu || parts.length < 2) throw new Error(`not a target triple: ${JSON.stringify(target)}`);
  let vendor = "";
  let osParts = parts.slice(1);
  if (parts.length >= 3 && !/^(linux|gnu|none|elf)/.test(parts[1] ?? "")) {
    vendor = parts[1] ?? "";
    osParts = parts.slice(2);
  }
  // configure: "Don't allow vendor == unknown"; strip a leading "unknown-" from the OS.
  if (vendor === "unknown") vendor = "";
  let os = osParts.join("-").replace(/^unknown-/, "");
  // configure mutates a $host_os of gnu* into gnu-gnu* (Hurd).
  if (/^gnu/.test(os)) os = os.replace("gnu", "gnu-gnu");
  // "Make sco3.2v4 become sco3.2.4 and sunos4.1.1_U1 become sunos4.1.1.U1."
  os = os.replace(/([0-9A-Z])[v_]([0-9A-Z])/g, "$1.$2");

  let baseOs = "";
  if (/^gnu/.test(os)) baseOs = "mach/hurd";
  else if (/^linux/.test(os)) baseOs = "unix/sysv";

  let machine = options.machine ?? preconfigureMachine(cpu, os);
  if (options.submachine) machine = `${machine}/${options.submachine}`;
  return { cpu, vendor, os, machine, baseOs };
}

/** The machine directory as the architecture's preconfigure fragment sets it (common cases only). */
function preconfigureMachine(cpu: string, os: string): string {
  if (cpu === "x86_64") return /x32$/.test(os) ? "x86_64/x32" : "x86_64/64";
  if (/^i[4-7]86$/.test(cpu)) return `i386/${cpu}`;
  if (/^aarch64/.test(cpu)) return "aarch64";
  return cpu;
}

/** "a/b/c" -> ["a/b/c", "a/b", "a"] (configure's "try X, then its parents" loops). */
function withAncestors(dir: string): string[] {
  const out: string[] = [];
  let tail = dir;
  while (tail.length > 0) {
    out.push(tail);
    const slash = tail.lastIndexOf("/");
    tail = slash < 0 ? "" : tail.slice(0, slash);
  }
  return out;
}

/** configure's `ostry`: `linux-gnu` -> [linux-gnu, linux]; `sunos4.1.1` -> [sunos4.1.1, sunos4.1, sunos4, sunos]. */
function osTry(os: string): string[] {
  if (!os) return [];
  const out = [os];
  let tail = os;
  for (;;) {
    const o = tail.replace(/\.[^.]*$/, "");
    if (o === tail) break;
    out.push(o);
    tail = o;
  }
  const noDigits = tail.replace(/[0-9]*$/, "");
  if (noDigits !== tail) out.push(noDigits);
  const noDash = tail.replace(/-.*$/, "");
  if (noDash !== tail) out.push(noDash);
  return out;
}

/**
 * Every directory (relative to `sysdeps/`) configure would try for `target`, in its order
 * (most specific first), existing or not. Duplicates are dropped (first occurrence kept,
 * which is what the later de-duplication in configure amounts to).
 */
export function candidateDirectories(target: string, options: TargetOptions = {}): string[] {
  const t = parseTarget(target, options);
  const fpu = (options.fpu ?? true) ? "/fpu" : "/nofpu";
  const multi = (options.multiarch ?? true) ? "/multiarch" : "";

  const base = withAncestors(t.baseOs).map((b) => `/${b}`);
  const mach: string[] = [];
  for (const m of withAncestors(t.machine)) {
    for (const tryFpu of [fpu, ""]) {
      for (const tryMulti of multi ? [multi, ""] : [""]) mach.push(`/${m}${tryFpu}${tryMulti}`);
    }
  }
  const vendors = t.vendor ? [`/${t.vendor}`, ""] : [""];
  const ostry = osTry(t.os).map((o) => `/${o}`);

  const seen = new Set<string>();
  const out: string[] = [];
  for (const b of [...base, ""]) {
    for (const m0 of [...mach, ""]) {
      for (const v of vendors) {
        for (const o of [...ostry, ""]) {
          for (const m of [...mach, ""]) {
            const suffix = `${m0}${b}${v}${o}${m}`;
            if (!suffix) continue;
            const dir = suffix.slice(1);
            if (!seen.has(dir)) {
              seen.add(dir);
              out.push(dir);
            }
          }
        }
      }
    }
  }
  return out;
}

function parentOf(dir: string): string | null {
  const slash = dir.lastIndexOf("/");
  return slash < 0 ? null : dir.slice(0, slash);
}

/** The full sysdeps search order (relative to `sysdeps/`), ending with `generic`. */
export function sysdepsSearchOrder(target: string, tree: SysdepsTree, options: TargetOptions = {}): string[] {
  const existing = (names: string[]) => names.filter((n) => tree.exists(n));
  let queue = existing(candidateDirectories(target, options));
  const names: string[] = [];
  const listed = new Set<string>();
  while (queue.length > 0) {
    const name = queue[0] as string;
    queue = queue.slice(1);
    if (listed.has(name)) continue;
    const implies = existing(tree.implies(name));
    const before = existing(tree.impliesBefore?.(name) ?? []);
    const after = existing(tree.impliesAfter?.(name) ?? []);
    names.push(name);
    listed.add(name);
    const parent = parentOf(name);
    queue = [...implies, ...queue, ...before, ...(parent ? [parent] : []), ...after];
  }
  if (!listed.has("generic")) names.push("generic");
  return names;
}

/** Words of an Implies file: `#` comments removed, split on white space. */
export function parseImpliesFile(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.replace(/#.*$/, ""))
    .flatMap((line) => line.split(/\s+/))
    .filter((w) => w.length > 0);
}

/** A real glibc checkout at `glibcRoot`. */
export function fsSysdepsTree(glibcRoot: string): SysdepsTree {
  const sysdeps = path.join(glibcRoot, "sysdeps");
  const readImplies = (dir: string, file: string): string[] => {
    try {
      return parseImpliesFile(fs.readFileSync(path.join(sysdeps, dir, file), "utf8"));
    } catch {
      return [];
    }
  };
  return {
    exists(dir) {
      if (!dir || dir.split("/").includes("..")) return false;
      try {
        return fs.statSync(path.join(sysdeps, dir)).isDirectory();
      } catch {
        return false;
      }
    },
    implies: (dir) => readImplies(dir, "Implies"),
    impliesBefore: (dir) => readImplies(dir, "Implies-before"),
    impliesAfter: (dir) => readImplies(dir, "Implies-after"),
  };
}

/**
 * A tree from the shipped data: `pathsTxt` is the text of `data/glibc-sysdeps/paths.txt`
 * (one repo path per line), `impliesTsv` the text of `implies.tsv` (`dir`, `order`, `implies`).
 * A directory exists when some path lies under `sysdeps/<dir>/`. The data has no
 * Implies-before/Implies-after contents.
 */
export function dataSysdepsTree(pathsTxt: string, impliesTsv: string): SysdepsTree {
  const dirs = new Set<string>();
  for (const raw of pathsTxt.split("\n")) {
    const p = raw.trim();
    if (!p.startsWith("sysdeps/")) continue;
    let dir = parentOf(p.slice("sysdeps/".length));
    while (dir && !dirs.has(dir)) {
      dirs.add(dir);
      dir = parentOf(dir);
    }
  }
  const rows = new Map<string, { order: number; implies: string }[]>();
  for (const line of impliesTsv.split("\n")) {
    const cols = line.replace(/\r$/, "").split("\t");
    const [dir, order, implied] = cols;
    if (!dir || !implied || dir === "dir" || order === undefined) continue;
    const list = rows.get(dir) ?? [];
    list.push({ order: Number(order), implies: implied.trim() });
    rows.set(dir, list);
  }
  return {
    exists: (dir) => dirs.has(dir),
    implies: (dir) => [...(rows.get(dir) ?? [])].sort((a, b) => a.order - b.order).map((r) => r.implies),
  };
}

/** Default location of the shipped data (`data/glibc-sysdeps/` at the project root). */
export const GLIBC_DATA_DIR = path.resolve(process.cwd(), "data", "glibc-sysdeps");

/** `dataSysdepsTree` over the files in `dataDir` (default `data/glibc-sysdeps/`). */
export function loadDataSysdepsTree(dataDir: string = GLIBC_DATA_DIR): SysdepsTree {
  return dataSysdepsTree(
    fs.readFileSync(path.join(dataDir, "paths.txt"), "utf8"),
    fs.readFileSync(path.join(dataDir, "implies.tsv"), "utf8"),
  );
}
