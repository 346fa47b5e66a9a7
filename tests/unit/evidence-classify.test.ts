import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyzeCSource, includedImplementation, maxSyscallsOnAnyPath, stripComments } from "@/lib/evidence/c-source";
import { classifyFunctions, type Evidence } from "@/lib/evidence/classify";
import {
  dataSourceTree,
  fsSourceTree,
  GLIBC_SOURCE_SUBDIRS,
  loadDataSourceTree,
  sourceSubdirsFromPaths,
} from "@/lib/evidence/source-tree";
import { parseSyscallsList } from "@/lib/evidence/syscalls-list";
import { fsSysdepsTree, loadDataSysdepsTree, sysdepsSearchOrder } from "@/lib/evidence/search-order";

const FIXTURE = fileURLToPath(new URL("../fixtures/glibc-tree", import.meta.url));
const DATA = fileURLToPath(new URL("../../data/glibc-sysdeps", import.meta.url));
const FIXTURE_SUBDIRS = ["io", "misc", "posix"];

function fixtureEvidence(names: string[]): Record<string, Evidence> {
  const order = sysdepsSearchOrder("x86_64-linux-gnu", fsSysdepsTree(FIXTURE));
  const out: Record<string, Evidence> = {};
  for (const e of classifyFunctions(names, fsSourceTree(FIXTURE), order, FIXTURE_SUBDIRS)) out[e.function] = e;
  return out;
}

const LINUX_LIST = "sysdeps/unix/sysv/linux/syscalls.list";

describe("parseSyscallsList", () => {
  it("reads the columns, drops comments and strips symbol versions from weak names", () => {
    const entries = parseSyscallsList(
      "# File name\tCaller\tSyscall name\tArgs\tStrong name\tWeak names\n\n" +
        "bdflush\t\tEXTRA\tbdflush\t\ti:ii\t__compat_bdflush\tbdflush@GLIBC_2.0:GLIBC_2.23\n" +
        "prctl EXTRA prctl i:iiiii __prctl prctl __prctl_time64\n" +
        "utimes - utimes i:sp __utimes utimes@@GLIBC_2.1 # comment\n" +
        "unshare EXTRA unshare i:i unshare\n",
    );
    expect(entries).toEqual([
      {
        file: "bdflush",
        caller: "EXTRA",
        syscall: "bdflush",
        args: "i:ii",
        strong: "__compat_bdflush",
        weak: ["bdflush"],
        line: 3,
      },
      {
        file: "prctl",
        caller: "EXTRA",
        syscall: "prctl",
        args: "i:iiiii",
        strong: "__prctl",
        weak: ["prctl", "__prctl_time64"],
        line: 4,
      },
      { file: "utimes", caller: "-", syscall: "utimes", args: "i:sp", strong: "__utimes", weak: ["utimes"], line: 5 },
      { file: "unshare", caller: "EXTRA", syscall: "unshare", args: "i:i", strong: "unshare", weak: [], line: 6 },
    ]);
  });
});

describe("C source analysis", () => {
  it("strips comments and string contents but keeps include targets", () => {
    const s = stripComments('/* a\nb */ x = "for (;;)"; // c\n#include "y.c"\n');
    expect(s).not.toContain("for");
    expect(s).toContain('#include "y.c"');
    expect(s.split("\n")).toHaveLength(4);
  });

  it("counts syscalls on the worst preprocessor path", () => {
    const body = [
      "#ifdef A",
      "  INLINE_SYSCALL_CALL (a);",
      "#elif defined B",
      "  INLINE_SYSCALL_CALL (b); INTERNAL_SYSCALL_CALL (c);",
      "#else",
      "  SYSCALL_CANCEL (d);",
      "#endif",
      "  return 0;",
    ].join("\n");
    expect(maxSyscallsOnAnyPath(body)).toBe(2);
    expect(maxSyscallsOnAnyPath("#if X\nINLINE_SYSCALL (a, 0);\n#else\nINLINE_SYSCALL (b, 0);\n#endif\n")).toBe(1);
  });

  it("counts the same system call on two if branches once, and two different ones twice", () => {
    const fcntl = [
      "  if (cmd == F_GETOWN)",
      "    {",
      "      int res = INTERNAL_SYSCALL_CALL (fcntl64, fd, F_GETOWN_EX, &fex);",
      "      return res;",
      "    }",
      "  return INLINE_SYSCALL_CALL (fcntl64, fd, cmd, (void *) arg);",
    ].join("\n");
    expect(maxSyscallsOnAnyPath(fcntl)).toBe(1);
    expect(maxSyscallsOnAnyPath(fcntl.replace("(fcntl64, fd, cmd", "(fcntl, fd, cmd"))).toBe(2);
  });

  it("recognises each C kind", () => {
    expect(analyzeCSource("int f (int x)\n{\n  return INLINE_SETXID_SYSCALL (setuid, 1, x);\n}\n").kind).toBe(
      "setxid-broadcast",
    );
    expect(analyzeCSource("libc_ifunc (memset, sel ());\n").kind).toBe("ifunc");
    expect(analyzeCSource("__ifunc (f, f, r, void, init);\n").kind).toBe("ifunc");
    expect(analyzeCSource('void *f (void) __attribute__ ((ifunc ("r")));\n').kind).toBe("ifunc");
    expect(analyzeCSource("int f (int a)\n{\n  return INLINE_SYSCALL (close, 1, a);\n}\n")).toMatchObject({
      kind: "syscall-wrapper",
      syscall: "close",
    });
    expect(analyzeCSource("int f (int a)\n{\n  return INTERNAL_SYSCALL_CALL (__NR_gettid);\n}\n").syscall).toBe(
      "gettid",
    );
    expect(analyzeCSource("int f (int a)\n{\n  return helper (a);\n}\n").kind).toBe("c");
    expect(analyzeCSource("int x = 1;\n").kind).toBe("c");
  });

  it("allows calls to functions of the same file, ALL-CAPS macros and errno helpers", () => {
    const src = [
      "static int g (int a) { if (a < 0) { __set_errno (EINVAL); return -1; } return a; }",
      "int f (int a, off64_t o)",
      "{",
      "  if (__glibc_unlikely (g (a) < 0)) return INLINE_SYSCALL_ERROR_RETURN_VALUE (EINVAL);",
      "  return INLINE_SYSCALL_CALL (ftruncate, a, SYSCALL_LL64 (o));",
      "}",
    ].join("\n");
    expect(analyzeCSource(src)).toMatchObject({ kind: "syscall-wrapper", syscall: "ftruncate" });
  });

  it("finds files that only wrap an included implementation", () => {
    expect(includedImplementation('/* x */\n#define A 1\n#include "../foo.c"\n')).toEqual({
      target: "../foo.c",
      quoted: true,
    });
    expect(includedImplementation("#include <sysdeps/x/foo.S>\n")).toEqual({
      target: "sysdeps/x/foo.S",
      quoted: false,
    });
    expect(includedImplementation("#include <foo.h>\n")).toBeNull();
    // No function of its own (a declaration and top-level asm are fine):
    expect(includedImplementation('#include "a.c"\n#include "b.c"\nextern int x;\nasm (".text");\n')).toEqual({
      target: "b.c",
      quoted: true,
    });
    // Defines a function: classified by its own text.
    expect(includedImplementation('#include "foo.c"\nint g (void)\n{\n  return 0;\n}\n')).toBeNull();
  });
});

describe("classifyFunctions on the fixture tree", () => {
  const ev = fixtureEvidence([
    "unshare",
    "mount",
    "__mount",
    "prctl",
    "__prctl_time64",
    "bdflush",
    "getuid",
    "chown",
    "setgroups",
    "umount2",
    "__umount2",
    "umount",
    "read",
    "open",
    "getcwd",
    "setns",
    "fsync",
    "fdatasync",
    "syscall",
    "memcpy",
    "lockf",
    "ttyslot",
    "cap_set_proc",
  ]);

  it("syscall-stub: a syscalls.list line, by file, strong and (versioned) weak name", () => {
    expect(ev.unshare).toEqual({
      function: "unshare",
      kind: "syscall-stub",
      path: LINUX_LIST,
      syscall: "unshare",
      provider: LINUX_LIST,
      line: 7,
      syscalls: ["unshare"],
      via: [],
      flags: ["EXTRA"],
    });
    expect(ev.__prctl_time64).toMatchObject({ kind: "syscall-stub", path: LINUX_LIST, syscall: "prctl" });
    expect(ev.bdflush).toMatchObject({ kind: "syscall-stub", path: LINUX_LIST, syscall: "bdflush" });
    expect(ev.__mount).toMatchObject({ kind: "syscall-stub", path: LINUX_LIST, syscall: "mount" });
    expect(ev.getuid).toMatchObject({
      kind: "syscall-stub",
      path: "sysdeps/unix/syscalls.list",
      syscall: "getuid",
      flags: ["E"],
    });
  });

  it("an earlier syscalls.list line beats a later .c", () => {
    // sysdeps/posix/mount.c exists but comes after sysdeps/unix/sysv/linux.
    expect(ev.mount).toMatchObject({ kind: "syscall-stub", path: LINUX_LIST });
  });

  it("an earlier .c hides a later syscalls.list line", () => {
    // sysdeps/unix/syscalls.list has chown and setgroups lines; sysdeps/unix/sysv/linux has the .c files.
    expect(ev.chown).toMatchObject({
      function: "chown",
      kind: "syscall-wrapper",
      path: "sysdeps/unix/sysv/linux/chown.c",
      syscall: "chown", // chown and fchownat alternatives: the one named like the routine
      syscalls: ["chown", "fchownat"], // the fixture has no arch-syscall.h to decide `#ifdef __NR_chown`
    });
    expect(ev.setgroups).toMatchObject({
      function: "setgroups",
      kind: "setxid-broadcast",
      path: "sysdeps/unix/sysv/linux/setgroups.c",
      syscalls: ["setgroups"],
    });
  });

  it("a .c in the same directory does not drop the syscalls.list line: the stub wins (explicit rule)", () => {
    expect(ev.umount2).toMatchObject({ kind: "syscall-stub", path: LINUX_LIST, syscalls: ["umount2"] });
    expect(ev.__umount2).toMatchObject({ kind: "syscall-stub", path: LINUX_LIST });
  });

  it("syscall-wrapper with cancellation and argument adjustment; c otherwise", () => {
    expect(ev.read).toMatchObject({ kind: "syscall-wrapper", syscall: "read", flags: ["cancellation"] });
    expect(ev.open).toMatchObject({ kind: "syscall-wrapper", syscalls: ["openat"] });
    expect(ev.getcwd).toMatchObject({ kind: "c", syscall: "" }); // loop
    expect(ev.setns).toMatchObject({ kind: "c" }); // two syscalls
    // Calls __umount2, the syscalls.list stub: a thin wrapper through it.
    expect(ev.umount).toMatchObject({
      kind: "syscall-wrapper",
      path: "sysdeps/unix/sysv/linux/umount.c",
      via: ["__umount2"],
      syscalls: ["umount2"],
    });
  });

  it("follows include-only .c files", () => {
    expect(ev.fsync).toMatchObject({
      function: "fsync",
      kind: "syscall-wrapper",
      path: "sysdeps/unix/sysv/linux/x86_64/64/fsync.c",
      syscall: "fsync",
      followed: ["sysdeps/unix/sysv/linux/fsync.c"],
    });
    expect(ev.fdatasync).toMatchObject({
      kind: "syscall-wrapper",
      followed: ["sysdeps/unix/sysv/linux/fdatasync.c"],
    });
  });

  it("assembly, ifunc, generic directories and absent", () => {
    expect(ev.syscall).toMatchObject({
      function: "syscall",
      kind: "assembly",
      path: "sysdeps/unix/sysv/linux/x86_64/syscall.S",
      syscall: "",
    }); // misc/syscall.c comes later
    expect(ev.memcpy).toMatchObject({ kind: "ifunc", path: "sysdeps/x86_64/multiarch/memcpy.c" }); // before x86_64/memcpy.S
    expect(ev.lockf).toMatchObject({ kind: "c", path: "io/lockf.c" });
    expect(ev.ttyslot).toMatchObject({ kind: "c", path: "sysdeps/generic/ttyslot.c" }); // before misc/
    expect(ev.cap_set_proc).toMatchObject({ function: "cap_set_proc", kind: "absent", path: "", provider: "" });
  });
});

describe("shipped data (file names and syscalls.list rows only)", () => {
  const order = sysdepsSearchOrder("x86_64-linux-gnu", loadDataSysdepsTree(DATA));
  const tree = loadDataSourceTree(DATA);
  const ev: Record<string, Evidence> = {};
  for (const e of classifyFunctions(
    ["unshare", "mount", "umount2", "prctl", "setgroups", "syscall", "cap_set_proc"],
    tree,
    order,
  )) {
    ev[e.function] = e;
  }

  it("resolves unshare, mount and prctl to sysdeps/unix/sysv/linux/syscalls.list stubs", () => {
    expect(ev.unshare).toMatchObject({
      function: "unshare",
      kind: "syscall-stub",
      path: LINUX_LIST,
      syscall: "unshare",
    });
    expect(ev.mount).toMatchObject({ function: "mount", kind: "syscall-stub", path: LINUX_LIST, syscall: "mount" });
    expect(ev.prctl).toMatchObject({ function: "prctl", kind: "syscall-stub", path: LINUX_LIST, syscall: "prctl" });
  });

  it("finds the .c and .S files (contents are not in the data, so .c files read as c)", () => {
    expect(ev.umount2).toMatchObject({ kind: "c", path: "sysdeps/unix/sysv/linux/umount2.c" });
    // sysdeps/unix/syscalls.list has a setgroups line, hidden by the Linux .c file.
    expect(ev.setgroups).toMatchObject({ kind: "c", path: "sysdeps/unix/sysv/linux/setgroups.c" });
    expect(ev.syscall).toMatchObject({ kind: "assembly", path: "sysdeps/unix/sysv/linux/x86_64/syscall.S" });
    expect(ev.cap_set_proc).toMatchObject({ kind: "absent", path: "" });
  });

  it("rebuilds syscalls.list files from the TSV rows", () => {
    const t = dataSourceTree(
      "a/syscalls.list\na/x.c\n",
      "list\tfile\tcaller\tsyscall\targs\tstrong\tweak\na/syscalls.list\tx\t-\tx\ti:\t__x\tx y@GLIBC_2.0\n",
    );
    expect(t.listDir("a")).toEqual(["syscalls.list", "x.c"]);
    expect(parseSyscallsList(t.readFile("a/syscalls.list") ?? "")).toEqual([
      { file: "x", caller: "-", syscall: "x", args: "i:", strong: "__x", weak: ["x", "y"], line: 1 },
    ]);
    expect(t.readFile("a/x.c")).toBeNull();
  });

  it("derives the generic source subdirectories from the tree", () => {
    const paths = fs.readFileSync(`${DATA}/paths.txt`, "utf8").split("\n");
    expect(sourceSubdirsFromPaths(paths)).toEqual([...GLIBC_SOURCE_SUBDIRS]);
    expect(GLIBC_SOURCE_SUBDIRS).toEqual(expect.arrayContaining(["io", "posix", "nptl", "misc", "signal", "stdlib"]));
  });
});
