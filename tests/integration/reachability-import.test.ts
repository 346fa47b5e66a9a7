// The reachability importer on the real C library of this machine (Debian 12, libc6 2.36 with
// libc6-dbg; .ci/run installs both), with the expectations of issue 21.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getFunctionReachability } from "@/lib/reachability/data";
import { ReachabilityImportError } from "@/lib/reachability/elf";
import { analyseLibrary, runReachabilityImport, type LibraryAnalysis } from "@/lib/reachability/run-import";

const LIBC = "/lib/x86_64-linux-gnu/libc.so.6";
const SOURCE = "libc6 2.36-9+deb12u14 (Debian 12), symbols from libc6-dbg";
const NO_HAZARD = ["getpid", "unshare", "mount", "syscall", "getenv", "memcpy"];
const NAMES = [
  ...NO_HAZARD,
  ...["malloc", "printf", "opendir", "setgroups", "setuid", "setresuid", "write", "waitpid", "prctl", "sigaction"],
  "cap_set_proc",
];

let analysis: LibraryAnalysis;
let seconds = 0;

beforeAll(async () => {
  await db.function.createMany({ data: NAMES.map((name) => ({ name })) });
  const started = Date.now();
  const report = await runReachabilityImport(LIBC, { source: SOURCE, debug: "/usr/lib/debug" });
  seconds = (Date.now() - started) / 1000;
  expect(report.total).toBe(NAMES.length - 1);
  analysis = await analyseLibrary(LIBC, { debug: "/usr/lib/debug", names: NAMES });
}, 120_000);

afterAll(() => {
  console.log(`glibc-binary import of ${LIBC}: ${seconds.toFixed(1)} s`);
  for (const [name, r] of analysis.results)
    for (const h of r.hazards) console.log(`${name}: ${h.kind} (${h.route}) ${h.path.join(" → ")}`);
});

const hazardsOf = async (name: string) => (await getFunctionReachability(name))!.hazards;
const routes = async (name: string, kind: string) =>
  (await hazardsOf(name)).filter((h) => h.kind === kind).map((h) => h.route);

/** The one instruction at `site`, as objdump prints it. */
function instructionAt(site: number): string {
  const out = execFileSync("objdump", [
    "-d",
    "-w",
    "--no-show-raw-insn",
    `--start-address=0x${site.toString(16)}`,
    `--stop-address=0x${(site + 16).toString(16)}`,
    LIBC,
  ]).toString();
  return out.split("\n").find((l) => l.trimStart().startsWith(`${site.toString(16)}:\t`)) ?? "";
}

/** Where a PLT stub leads: the symbol value or IRELATIVE resolver of the GOT slot its jmp reads. */
function pltTarget(stub: number): number {
  const slot = /# ([0-9a-f]+)/.exec(instructionAt(stub))?.[1];
  const line = execFileSync("readelf", ["-r", "-W", LIBC])
    .toString()
    .split("\n")
    .find((l) => slot && l.startsWith(slot.padStart(16, "0")));
  const m = /R_X86_64_(?:JUMP_SLOT\s+|GLOB_DAT\s+|IRELATIVE\s+)([0-9a-f]+)/.exec(line ?? "");
  return m ? parseInt(m[1]!, 16) : -1;
}

describe("glibc-binary import of the real libc.so.6", () => {
  it("reads the whole library within 60 seconds", () => {
    expect(seconds).toBeLessThan(60);
    expect(analysis.graph.names.length).toBeGreaterThan(3000);
  });

  it("records the build id, the package and the library as the source", async () => {
    const r = await getFunctionReachability("getpid");
    const id = /Build ID: ([0-9a-f]+)/.exec(execFileSync("readelf", ["-n", LIBC]).toString())![1];
    expect(r!.source).toMatchObject({ buildId: id, package: SOURCE, library: LIBC });
  });

  it.each(NO_HAZARD)("%s reaches no hazard at all", async (name) => {
    expect(await hazardsOf(name)).toEqual([]);
  });

  it.each(["malloc", "printf", "opendir"])("%s reaches a lock by the normal route", async (name) => {
    expect(await routes(name, "lock")).toEqual(["normal"]);
  });

  it("printf also reaches malloc by the normal route", async () => {
    expect(await routes("printf", "malloc")).toEqual(["normal"]);
  });

  it.each(["setgroups", "setuid", "setresuid"])("%s reaches __nptl_setxid", async (name) => {
    const setxid = (await hazardsOf(name)).find((h) => h.kind === "setxid")!;
    expect(setxid.path).toEqual([name, "__nptl_setxid"]);
    expect(setxid.route).toBe("normal");
  });

  it.each(["write", "waitpid"])("%s reaches a lock only by the cancellation route", async (name) => {
    expect(await routes(name, "lock")).toEqual(["cancellation"]);
    expect((await hazardsOf(name)).some((h) => h.route === "normal")).toBe(false);
  });

  it.each(["prctl", "sigaction"])("%s reaches a lock only by the fatal route", async (name) => {
    const hazards = await hazardsOf(name);
    expect(hazards.map((h) => `${h.kind}:${h.route}`)).toEqual(["lock:fatal"]);
    expect(hazards[0]!.path).toContain("__stack_chk_fail");
  });

  it("has no reachability for a function the library does not define", async () => {
    expect(await getFunctionReachability("cap_set_proc")).toBeNull();
  });

  it("each path is a chain of real call instructions in the disassembly", () => {
    const { graph, results } = analysis;
    let checked = 0;
    for (const [name, r] of results) {
      for (const nodes of r.nodePaths) {
        for (let i = 0; i + 1 < nodes.length; i++) {
          const [from, to] = [nodes[i]!, nodes[i + 1]!];
          const site = graph.site.get(`${from},${to}`)!;
          const text = instructionAt(site);
          const m = /\t(?:bnd )?(call|jmp|j[a-z]+|lea)\s+(?:0x[0-9a-f]+\(%rip\),%\w+\s+# )?([0-9a-f]+)/.exec(text);
          expect(m, `${name}: ${graph.label[from]} → ${graph.label[to]} at ${site.toString(16)}: ${text}`).toBeTruthy();
          const target = parseInt(m![2]!, 16);
          const lands = target === graph.address[to] || pltTarget(target) === graph.address[to];
          expect(lands, `${graph.label[from]} → ${graph.label[to]}: ${text}`).toBe(true);
          if (m![1] === "lea") expect(graph.ifunc[from]).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  }, 120_000);

  it("a re-import keeps history: a new import, no new rows for unchanged functions", async () => {
    const rows = await db.functionReachability.count();
    const report = await runReachabilityImport(LIBC, { source: SOURCE });
    expect(report).toMatchObject({ added: 0, changed: 0, removed: 0, unchanged: NAMES.length - 1 });
    expect(await db.functionReachability.count()).toBe(rows);
    expect(await db.referenceImport.count({ where: { kind: "glibc_binary" } })).toBe(2);
  }, 120_000);

  it("refuses a file that is not an x86-64 shared object, changing nothing", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "reach-"));
    const text = path.join(dir, "libc.so.6");
    writeFileSync(text, "not a library\n");
    const before = await db.referenceImport.count();
    await expect(runReachabilityImport(text, { source: SOURCE })).rejects.toThrow(/not an ELF file/);
    const arm = path.join(dir, "libc-aarch64.so");
    const header = readFileSync(LIBC).subarray(0, 4096);
    header.writeUInt16LE(183, 18); // e_machine: EM_AARCH64
    writeFileSync(arm, header);
    await expect(runReachabilityImport(arm, { source: SOURCE })).rejects.toThrow(/not an x86-64 ELF shared object/);
    await expect(runReachabilityImport(LIBC, { source: SOURCE, debug: dir })).rejects.toThrow(/no symbols/);
    expect(await db.referenceImport.count()).toBe(before);
  });

  it("says so when objdump is missing, changing nothing", async () => {
    const before = await db.referenceImport.count();
    const saved = process.env.PATH;
    // readelf stays, objdump goes: the disassembly is what is missing.
    const bin = mkdtempSync(path.join(os.tmpdir(), "no-objdump-"));
    symlinkSync(execFileSync("sh", ["-c", "command -v readelf"]).toString().trim(), path.join(bin, "readelf"));
    process.env.PATH = bin;
    try {
      const error = await runReachabilityImport(LIBC, { source: SOURCE }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReachabilityImportError);
      expect((error as Error).message).toMatch(/^objdump was not found: install binutils/);
    } finally {
      process.env.PATH = saved;
    }
    expect(await db.referenceImport.count()).toBe(before);
  });
});
