import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { classifyFunctions, type Evidence } from "@/lib/evidence/classify";
import { evidenceSentenceText } from "@/lib/evidence/describe";
import { fsSourceTree } from "@/lib/evidence/source-tree";

// The cases of issue 20 on a tree written for this test (tests/fixtures/glibc-exact/README.md).
const FIXTURE = fileURLToPath(new URL("../fixtures/glibc-exact", import.meta.url));
const ORDER = [
  "unix/sysv/linux/x86_64/64",
  "unix/sysv/linux/x86_64",
  "unix/sysv/linux/x86",
  "unix/sysv/linux",
  "unix/sysv",
  "unix",
];
const LINUX = "sysdeps/unix/sysv/linux";
const NAMES = ["open", "open64", "pivot_root", "sigreturn", "umount2", "getuid", "umask", "waitpid"];

function classify(tree = fsSourceTree(FIXTURE)): Record<string, Evidence> {
  return Object.fromEntries(classifyFunctions(NAMES, tree, ORDER, ["posix"]).map((e) => [e.function, e]));
}

describe("exact classification (issue 20)", () => {
  const ev = classify();

  it("a winning file that compiles to nothing leaves the symbol to its *64 sibling", () => {
    expect(ev.open).toMatchObject({
      kind: "syscall-wrapper",
      path: `${LINUX}/open.c`,
      provider: `${LINUX}/open64.c`,
      line: 5,
      syscalls: ["openat"],
      flags: ["cancellation"],
    });
    expect(evidenceSentenceText("open", ev.open!)).toBe(
      "`open` is a thin wrapper in `sysdeps/unix/sysv/linux/open64.c:5` (`sysdeps/unix/sysv/linux/open.c` wins " +
        "the search but compiles to nothing here) that makes the `openat` system call; it is a cancellation point",
    );
  });

  it("without the target's header the condition is undecided and open.c provides open", () => {
    const base = fsSourceTree(FIXTURE);
    const noHeaders = { ...base, listDir: (d: string) => (d.endsWith("/bits") ? [] : base.listDir(d)) };
    expect(classify(noHeaders).open).toMatchObject({ provider: `${LINUX}/open.c`, syscalls: ["open"] });
  });

  it("an EXTRA stub is a routine of its own", () => {
    expect(ev.pivot_root).toMatchObject({
      kind: "syscall-stub",
      path: `${LINUX}/syscalls.list`,
      line: 3,
      syscalls: ["pivot_root"],
      flags: ["EXTRA"],
    });
  });

  it("a caller field drops the line when the caller's file comes earlier", () => {
    expect(ev.sigreturn).toMatchObject({ kind: "syscall-wrapper", path: `${LINUX}/x86_64/sigaction.c` });
  });

  it("a .c in the list's own directory does not drop the line: the stub wins", () => {
    expect(ev.umount2).toMatchObject({ kind: "syscall-stub", path: `${LINUX}/syscalls.list`, line: 4 });
  });

  it("the first list naming a function wins, with its E flag", () => {
    expect(ev.getuid).toMatchObject({ path: `${LINUX}/syscalls.list`, line: 6, syscalls: ["getuid"], flags: ["E"] });
    expect(ev.umask).toMatchObject({ path: "sysdeps/unix/syscalls.list", syscalls: ["umask"], flags: ["E"] });
  });

  it("a thin wrapper through an internal function records it in via", () => {
    expect(ev.waitpid).toMatchObject({
      kind: "syscall-wrapper",
      path: "posix/waitpid.c",
      provider: "posix/waitpid.c",
      line: 3,
      via: ["__wait4"],
      syscalls: ["wait4"],
      flags: ["cancellation"],
    });
    expect(evidenceSentenceText("waitpid", ev.waitpid!)).toBe(
      "`waitpid` is a thin wrapper in `posix/waitpid.c:3` that goes through the `__wait4` function and makes " +
        "the `wait4` system call; it is a cancellation point",
    );
  });

  it("the fixture's lists are what the test says", () => {
    const list = readFileSync(`${FIXTURE}/${LINUX}/syscalls.list`, "utf8").split("\n");
    expect(list[2]).toMatch(/^pivot_root\tEXTRA/);
    expect(list[3]).toMatch(/^umount2\t-/);
  });
});
