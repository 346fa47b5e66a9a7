import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  candidateDirectories,
  dataSysdepsTree,
  fsSysdepsTree,
  loadDataSysdepsTree,
  parseImpliesFile,
  parseTarget,
  sysdepsSearchOrder,
  type SysdepsTree,
} from "@/lib/evidence/search-order";

const FIXTURE = fileURLToPath(new URL("../fixtures/glibc-tree", import.meta.url));
const DATA = fileURLToPath(new URL("../../data/glibc-sysdeps", import.meta.url));

/** The order glibc 04e750e75b73957cf1c791535a3f4319534a52fc gives for x86_64-linux-gnu (from the shipped data). */
const X86_64_ORDER = [
  "unix/sysv/linux/x86_64/64",
  "x86_64/64/nptl",
  "unix/sysv/linux/x86_64",
  "unix/sysv/linux/x86",
  "x86/nptl",
  "unix/sysv/linux/wordsize-64",
  "x86_64/nptl",
  "unix/sysv/linux",
  "nptl",
  "pthread",
  "gnu",
  "unix/inet",
  "unix/sysv",
  "unix/x86_64",
  "unix",
  "posix",
  "x86_64/64",
  "x86_64/fpu/multiarch",
  "x86_64/fpu",
  "x86/fpu",
  "x86_64/multiarch",
  "x86_64",
  "x86",
  "ieee754/float128",
  "ieee754/ldbl-96",
  "ieee754/dbl-64",
  "ieee754/flt-32",
  "ieee754",
  "generic",
];

/** An in-memory tree: the listed directories exist; `implies` maps a directory to its Implies lines. */
function memoryTree(
  dirs: string[],
  implies: Record<string, string[]> = {},
  after: Record<string, string[]> = {},
): SysdepsTree {
  const set = new Set(dirs);
  return {
    exists: (d) => set.has(d),
    implies: (d) => implies[d] ?? [],
    impliesAfter: (d) => after[d] ?? [],
  };
}

describe("parseTarget / candidateDirectories", () => {
  it("derives machine, base OS and OS as configure and the preconfigure fragments do", () => {
    expect(parseTarget("x86_64-linux-gnu")).toEqual({
      cpu: "x86_64",
      vendor: "",
      os: "linux-gnu",
      machine: "x86_64/64",
      baseOs: "unix/sysv",
    });
    expect(parseTarget("x86_64-pc-linux-gnu").vendor).toBe("pc");
    expect(parseTarget("x86_64-unknown-linux-gnu").vendor).toBe("");
    expect(parseTarget("x86_64-linux-gnux32").machine).toBe("x86_64/x32");
    expect(parseTarget("i686-linux-gnu").machine).toBe("i386/i686");
    expect(parseTarget("i686-gnu")).toMatchObject({ os: "gnu-gnu", baseOs: "mach/hurd" });
    expect(() => parseTarget("x86_64")).toThrow();
  });

  it("nests base, machine, OS, machine loops; machine terms with /fpu and /multiarch first", () => {
    const c = candidateDirectories("x86_64-linux-gnu");
    // The machine list, as the innermost loop sees it under unix/sysv/linux:
    const underLinux = c.filter((d) => d.startsWith("unix/sysv/linux/"));
    expect(underLinux).toEqual([
      "unix/sysv/linux/x86_64/64/fpu/multiarch",
      "unix/sysv/linux/x86_64/64/fpu",
      "unix/sysv/linux/x86_64/64/multiarch",
      "unix/sysv/linux/x86_64/64",
      "unix/sysv/linux/x86_64/fpu/multiarch",
      "unix/sysv/linux/x86_64/fpu",
      "unix/sysv/linux/x86_64/multiarch",
      "unix/sysv/linux/x86_64",
    ]);
    const idx = (d: string) => c.indexOf(d);
    // OS before its shortening, base before its parent, base+OS before machine alone.
    expect(idx("unix/sysv/linux-gnu")).toBeLessThan(idx("unix/sysv/linux"));
    expect(idx("unix/sysv/linux")).toBeLessThan(idx("unix/sysv"));
    expect(idx("unix/sysv")).toBeLessThan(idx("unix/x86_64"));
    expect(idx("unix/x86_64")).toBeLessThan(idx("unix"));
    expect(idx("unix")).toBeLessThan(idx("x86_64/64"));
    expect(idx("x86_64/64")).toBeLessThan(idx("x86_64/fpu/multiarch"));
    expect(idx("x86_64/multiarch")).toBeLessThan(idx("x86_64"));
    expect(new Set(c).size).toBe(c.length);
    expect(c).not.toContain("");
  });

  it("honours the fpu and multiarch options", () => {
    const c = candidateDirectories("x86_64-linux-gnu", { fpu: false, multiarch: false });
    expect(c).toContain("x86_64/nofpu");
    expect(c.some((d) => d.includes("multiarch"))).toBe(false);
  });
});

describe("sysdepsSearchOrder queue rules (in-memory tree)", () => {
  it("puts Implies names at the front of the queue", () => {
    const tree = memoryTree(["unix/sysv/linux", "unix/sysv", "unix", "x86_64", "zz", "yy"], {
      "unix/sysv/linux": ["zz"],
      x86_64: ["yy"],
    });
    expect(sysdepsSearchOrder("x86_64-linux-gnu", tree)).toEqual([
      "unix/sysv/linux",
      "zz", // implied: before the rest of the candidates
      "unix/sysv",
      "unix",
      "x86_64",
      "yy",
      "generic",
    ]);
  });

  it("puts the parent at the back of the queue and skips names already listed", () => {
    const tree = memoryTree(["unix/sysv/linux", "unix/sysv", "unix", "x86_64", "p/q", "p"], {
      "unix/sysv/linux": ["p/q", "unix"],
    });
    expect(sysdepsSearchOrder("x86_64-linux-gnu", tree)).toEqual([
      "unix/sysv/linux",
      "p/q",
      "unix", // implied, so it comes before unix/sysv, and is not listed again
      "unix/sysv",
      "x86_64",
      "p", // parent of p/q: after all candidates queued before it
      "generic",
    ]);
  });

  it("drops implied directories that do not exist and appends Implies-after after the parent", () => {
    const tree = memoryTree(
      ["unix/sysv/linux", "unix/sysv", "unix", "x86_64/64", "x86_64", "w"],
      { "unix/sysv/linux": ["missing/dir"] },
      { "x86_64/64": ["w"] },
    );
    expect(sysdepsSearchOrder("x86_64-linux-gnu", tree)).toEqual([
      "unix/sysv/linux",
      "unix/sysv",
      "unix",
      "x86_64/64",
      "x86_64",
      "w",
      "generic",
    ]);
  });
});

describe("fsSysdepsTree (fixture tree)", () => {
  it("reads Implies files without comments and blanks", () => {
    const tree = fsSysdepsTree(FIXTURE);
    expect(tree.implies("unix/sysv/linux/x86_64/64")).toEqual(["x86_64/64/nptl", "x86_64/64/nonexistent"]);
    expect(tree.implies("unix/sysv/linux")).toEqual(["nptl", "gnu"]);
    expect(tree.implies("posix")).toEqual([]);
    expect(tree.impliesAfter?.("x86_64/64")).toEqual(["wordsize-64"]);
    expect(tree.exists("x86_64/64/nptl")).toBe(true);
    expect(tree.exists("x86_64/64/nonexistent")).toBe(false);
    expect(tree.exists("../..")).toBe(false);
    expect(parseImpliesFile("# c\n\na b # c\n c\n")).toEqual(["a", "b", "c"]);
  });

  it("computes the configure order for the fixture", () => {
    expect(sysdepsSearchOrder("x86_64-linux-gnu", fsSysdepsTree(FIXTURE))).toEqual([
      "unix/sysv/linux/x86_64/64",
      "x86_64/64/nptl", // Implies of the first candidate
      "unix/sysv/linux/x86_64",
      "unix/sysv/linux/x86", // Implies of unix/sysv/linux/x86_64
      "unix/sysv/linux",
      "nptl",
      "pthread", // Implies of nptl, ahead of gnu (implied by unix/sysv/linux)
      "gnu",
      "unix/sysv",
      "unix",
      "posix",
      "x86_64/64",
      "x86_64/multiarch",
      "x86_64",
      "x86",
      "ieee754/dbl-64",
      "wordsize-64", // Implies-after of x86_64/64: after its parent x86_64
      "ieee754", // parent of ieee754/dbl-64, queued last
      "generic",
    ]);
  });
});

describe("shipped data (glibc 04e750e75b73957cf1c791535a3f4319534a52fc)", () => {
  it("gives the 29-directory order for x86_64-linux-gnu", () => {
    const order = sysdepsSearchOrder("x86_64-linux-gnu", loadDataSysdepsTree(DATA));
    expect(order).toEqual(X86_64_ORDER);
    expect(order).toHaveLength(29);
    // Same with an explicit vendor.
    expect(sysdepsSearchOrder("x86_64-pc-linux-gnu", loadDataSysdepsTree(DATA))).toEqual(X86_64_ORDER);
  });

  it("builds a tree from the data text", () => {
    const tree = dataSysdepsTree(
      "sysdeps/a/b/file.c\nsysdeps/c/Implies\nREADME\n",
      "dir\torder\timplies\nc\t2\ta\nc\t1\ta/b\n",
    );
    expect(tree.exists("a")).toBe(true);
    expect(tree.exists("a/b")).toBe(true);
    expect(tree.exists("a/b/file.c")).toBe(false);
    expect(tree.implies("c")).toEqual(["a/b", "a"]);
  });
});
