// The call graph and hazard routes on a small shared object compiled here from C with a known call
// graph, stripped, with its symbols in a separate debug file (as Debian's -dbg packages ship them).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseInstruction } from "@/lib/reachability/disasm";
import type { Reachability } from "@/lib/reachability/hazards";
import { analyseLibrary, type LibraryAnalysis } from "@/lib/reachability/run-import";
import { formatReachabilityTsv, parseReachabilityTsv } from "@/lib/reachability/tsv";

// `__lll_lock_wait_private`, `malloc`, `__fortify_fail` and `__pthread_unwind` are stand-ins named as
// in data/reachability/routes.json. `malloc` is exported, so calls to it go through the PLT.
const SOURCE = String.raw`
typedef unsigned long size_t;
int lockword;
volatile int cpu_has_feature;
char heap[64];
__attribute__((noinline)) void __lll_lock_wait_private(int *futex) { __asm__ volatile("" : : "r"(futex) : "memory"); }
__attribute__((noinline)) void *malloc(size_t n) { return n < sizeof heap ? heap : 0; }
__attribute__((noinline, noreturn)) void __fortify_fail(const char *msg) {
  __lll_lock_wait_private(&lockword);
  __builtin_trap();
}
__attribute__((noinline, noreturn)) void __pthread_unwind(void *buf) {
  __lll_lock_wait_private(&lockword);
  __builtin_trap();
}
__attribute__((noinline, visibility("hidden"))) int take_lock(int x) { __lll_lock_wait_private(&lockword); return x + 1; }
int direct_lock(int x) { return take_lock(x) * 2; }
int tail_lock(int x) { return take_lock(x); }
void *plt_malloc(size_t n) { void *p = malloc(n); return p ? (char *)p + 1 : 0; }
int leaf(int x) { return x * 3 + 1; }
int indirect(int (*f)(int), int x) { return f(x) + 1; }
int only_fatal(int n) { if (n > 10) __fortify_fail("n"); return n + 1; }
int only_cancel(int n) { if (n < 0) __pthread_unwind(0); return n + 2; }
int fatal_and_normal(int n) { if (n > 10) __fortify_fail("n"); return take_lock(n) * 5; }
static void *copy_plain(void *d, const void *s, size_t n) {
  for (size_t i = 0; i < n; i++) ((char *)d)[i] = ((const char *)s)[i];
  return d;
}
static void *copy_locked(void *d, const void *s, size_t n) { __lll_lock_wait_private(&lockword); return d; }
static void *(*resolve_copy(void))(void *, const void *, size_t) { return cpu_has_feature ? copy_locked : copy_plain; }
void *my_copy(void *d, const void *s, size_t n) __attribute__((ifunc("resolve_copy")));
void *via_ifunc(void *d, const void *s, size_t n) { void *r = my_copy(d, s, n); return (char *)r + 1; }
`;

let dir = "";
let lib = "";
let debugFile = "";
let analysis: LibraryAnalysis;
const NAMES = [
  "direct_lock",
  "tail_lock",
  "plt_malloc",
  "leaf",
  "indirect",
  "only_fatal",
  "only_cancel",
  "fatal_and_normal",
  "via_ifunc",
  "my_copy",
  "not_defined_here",
];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "reachability-"));
  writeFileSync(path.join(dir, "t.c"), SOURCE);
  lib = path.join(dir, "libt.so");
  execFileSync("cc", ["-O2", "-fPIC", "-shared", "-fno-stack-protector", "-Wl,--build-id", "-o", lib, "t.c"], {
    cwd: dir,
  });
  debugFile = path.join(dir, "libt.debug");
  execFileSync("objcopy", ["--only-keep-debug", lib, debugFile]);
  execFileSync("objcopy", ["--strip-all", lib]);
  analysis = await analyseLibrary(lib, { debug: debugFile, names: NAMES });
}, 60_000);

const get = (name: string): Reachability => analysis.results.get(name)!;
const hazard = (name: string, kind: string) => get(name).hazards.find((h) => h.kind === kind);

describe("call graph of a small shared object", () => {
  it("reads the symbols from the separate debug file, the stripped library having none", () => {
    expect(analysis.symbols).toBe(debugFile);
    expect(analysis.buildId).toMatch(/^[0-9a-f]{40}$/);
  });

  it("follows a direct call", () => {
    expect(hazard("direct_lock", "lock")).toEqual({
      kind: "lock",
      route: "normal",
      path: ["direct_lock", "take_lock", "__lll_lock_wait_private"],
    });
  });

  it("follows a tail call (a jmp to a function start)", () => {
    const site = analysis.graph.site.get(
      `${analysis.graph.byName.get("tail_lock")},${analysis.graph.byName.get("take_lock")}`,
    );
    const insn = execFileSync("objdump", ["-d", "--no-show-raw-insn", lib]).toString();
    expect(insn).toMatch(new RegExp(`${site!.toString(16)}:\\s+jmp\\s`));
    expect(hazard("tail_lock", "lock")?.path).toEqual(["tail_lock", "take_lock", "__lll_lock_wait_private"]);
  });

  it("resolves a call through the PLT to its target", () => {
    expect(hazard("plt_malloc", "malloc")).toEqual({ kind: "malloc", route: "normal", path: ["plt_malloc", "malloc"] });
    expect(hazard("plt_malloc", "lock")).toBeUndefined();
  });

  it("follows an IFUNC through every implementation its resolver can pick", () => {
    expect(hazard("via_ifunc", "lock")?.path).toEqual([
      "via_ifunc",
      "my_copy",
      "copy_locked",
      "__lll_lock_wait_private",
    ]);
    expect(hazard("my_copy", "lock")?.route).toBe("normal");
    const impls = analysis.graph.successors[analysis.graph.byName.get("my_copy")!]!.map((n) => analysis.graph.label[n]);
    expect(impls.sort()).toEqual(["copy_locked", "copy_plain"]);
  });

  it("counts an indirect call and treats it as unseen, not as a hazard", () => {
    expect(get("indirect")).toEqual({ hazards: [], indirectCalls: 1, nodePaths: [] });
    expect(get("leaf")).toEqual({ hazards: [], indirectCalls: 0, nodePaths: [] });
  });

  it("routes a lock reached only through a fatal-error function as fatal", () => {
    expect(get("only_fatal").hazards).toEqual([
      { kind: "lock", route: "fatal", path: ["only_fatal", "__fortify_fail", "__lll_lock_wait_private"] },
    ]);
  });

  it("routes a lock reached only through unwinding as cancellation", () => {
    expect(get("only_cancel").hazards.map((h) => h.route)).toEqual(["cancellation"]);
  });

  it("prefers a normal path over a shorter fatal one", () => {
    expect(hazard("fatal_and_normal", "lock")).toEqual({
      kind: "lock",
      route: "normal",
      path: ["fatal_and_normal", "take_lock", "__lll_lock_wait_private"],
    });
  });

  it("leaves out a name the library does not define", () => {
    expect(analysis.results.has("not_defined_here")).toBe(false);
  });

  it("finds the debug file by build id under a /usr/lib/debug-like directory", async () => {
    const root = path.join(dir, "debug-root");
    const id = analysis.buildId;
    mkdirSync(path.join(root, ".build-id", id.slice(0, 2)), { recursive: true });
    renameSync(debugFile, path.join(root, ".build-id", id.slice(0, 2), `${id.slice(2)}.debug`));
    const again = await analyseLibrary(lib, { debug: root, names: ["direct_lock"] });
    expect(again.results.get("direct_lock")!.hazards).toEqual(get("direct_lock").hazards);
    await expect(analyseLibrary(lib, { debug: dir })).rejects.toThrow(/no symbols/);
  });

  it("writes and reads back the committed TSV form", () => {
    const results = new Map(
      [...analysis.results].map(([n, r]) => [n, { hazards: r.hazards, indirectCalls: r.indirectCalls }]),
    );
    const meta = { buildId: analysis.buildId, source: "test", library: lib, symbols: debugFile, regenerate: "cc …" };
    const text = formatReachabilityTsv({ meta, results });
    expect(parseReachabilityTsv(text, "t.tsv")).toEqual({ meta, results });
    expect(() => parseReachabilityTsv(text.replace("\tnormal ", "\tsometimes "), "t.tsv")).toThrow(/t\.tsv:\d+:/);
  });
});

describe("parseInstruction", () => {
  it("tells calls, jumps, slots, indirect transfers and IFUNC leas apart", () => {
    expect(parseInstruction(1, "call   380f0 <exit>")).toEqual({ site: 1, kind: "call", target: 0x380f0 });
    expect(parseInstruction(1, "jne    9bf30 <memcpy+0xc0>")).toEqual({ site: 1, kind: "jump", target: 0x9bf30 });
    expect(parseInstruction(1, "bnd jmp *0x1acfea(%rip)        # 1d3000 <x>")).toEqual({
      site: 1,
      kind: "slot-call",
      target: 0x1d3000,
    });
    expect(parseInstruction(1, "call   *0x10(%rax)")).toEqual({ site: 1, kind: "indirect", target: -1 });
    expect(parseInstruction(1, "notrack jmp *%rax")).toEqual({ site: 1, kind: "indirect", target: -1 });
    expect(parseInstruction(1, "lea    0x6e7b(%rip),%rdx        # a2d70 <memcpy>")?.kind).toBe("address");
    expect(parseInstruction(1, "mov    %rdi,%rax")).toBeNull();
  });
});
