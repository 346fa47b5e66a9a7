import { cpSync, mkdtempSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { estimateDisagrees } from "@/lib/evidence/agreement";
import { classifyFunctions } from "@/lib/evidence/classify";
import { loadDataSourceTree } from "@/lib/evidence/source-tree";
import { EvidenceImportError, importEvidence } from "@/lib/evidence/import";
import { runEvidenceImport } from "@/lib/evidence/run-import";
import { loadDataSysdepsTree, sysdepsSearchOrder } from "@/lib/evidence/search-order";
import { catalogFacets, listFunctions } from "@/lib/functions/catalog";
import { catalogQuerySchema } from "@/lib/functions/schema";
import { ensureProposalPage, saveRevision } from "@/lib/pages/revisions";
import type { ImplementationKind } from "@/lib/pages/fields";
import { seed, systemUser } from "@/lib/seed";
import { EVIDENCE_SOURCE } from "@/lib/evidence/data-file";

const FIXTURE = path.resolve("tests/fixtures/glibc-tree");
const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const LINUX_LIST = "sysdeps/unix/sysv/linux/syscalls.list";
const q = (input: Record<string, unknown>) => catalogQuerySchema.parse(input);

async function evidenceOf(name: string) {
  const fn = await db.function.findUniqueOrThrow({
    where: { name },
    include: { evidence: { include: { import: true } } },
  });
  return fn.evidence;
}

async function snapshot() {
  const [imports, evidence, audits, functions] = await Promise.all([
    db.referenceImport.count(),
    db.implementationEvidence.count(),
    db.auditEvent.count(),
    db.function.findMany({ select: { name: true, evidenceId: true, updatedAt: true }, orderBy: { name: "asc" } }),
  ]);
  return { imports, evidence, audits, functions };
}

function copyFixture(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "afterfork-glibc-"));
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

async function setEstimate(name: string, implementationKind: ImplementationKind) {
  const fn = await db.function.findUniqueOrThrow({ where: { name } });
  const page = await ensureProposalPage(db, fn.id);
  const author = await systemUser(db);
  const fields = {
    guarantee: "Safe in the child after fork().",
    implementationKind,
    implementationNote: "",
    asSafety: "unknown",
  };
  await saveRevision({
    pageId: page.id,
    baseRevisionId: page.currentRevisionId,
    authorId: author.id,
    summary: `estimate: ${implementationKind}`,
    text: "",
    fields,
  });
}

beforeAll(async () => {
  await seed(db);
});

describe("glibc-source evidence import", () => {
  it("the seed loads the shipped evidence, exact for open, waitpid and setgroups", async () => {
    const open = await evidenceOf("open");
    expect(open).toMatchObject({
      kind: "syscall-wrapper",
      path: "sysdeps/unix/sysv/linux/open.c",
      provider: "sysdeps/unix/sysv/linux/open64.c",
      syscalls: ["openat"],
      flags: ["cancellation"],
    });
    expect(open!.import.source).toBe(EVIDENCE_SOURCE);
    expect(await evidenceOf("waitpid")).toMatchObject({
      kind: "syscall-wrapper",
      via: ["__wait4"],
      syscalls: ["wait4"],
    });
    expect(await evidenceOf("setgroups")).toMatchObject({ kind: "setxid-broadcast", syscalls: ["setgroups"] });
    // Seeding again imports nothing.
    const imports = await db.referenceImport.count();
    await seed(db);
    expect(await db.referenceImport.count()).toBe(imports);
  });

  it("classifies every catalog function from a checkout, absent ones included", async () => {
    const catalog = await db.function.count();
    const seeded = await db.function.count({ where: { evidenceId: { not: null } } });
    const report = await runEvidenceImport(FIXTURE, { source: `fixture ${COMMIT}` });
    expect(report).toMatchObject({ kind: "glibc_source", target: "x86_64-linux-gnu", total: catalog, removed: 0 });
    expect(report.added).toBe(catalog - seeded);
    expect(report.added + report.changed + report.unchanged).toBe(catalog);
    expect(report.order[0]).toBe("unix/sysv/linux/x86_64/64");

    const expected: Record<string, { kind: string; path: string; syscall: string }> = {
      unshare: { kind: "syscall-stub", path: LINUX_LIST, syscall: "unshare" },
      mount: { kind: "syscall-stub", path: LINUX_LIST, syscall: "mount" },
      prctl: { kind: "syscall-stub", path: LINUX_LIST, syscall: "prctl" },
      setgroups: { kind: "setxid-broadcast", path: "sysdeps/unix/sysv/linux/setgroups.c", syscall: "setgroups" },
      syscall: { kind: "assembly", path: "sysdeps/unix/sysv/linux/x86_64/syscall.S", syscall: "" },
      umount2: { kind: "syscall-stub", path: LINUX_LIST, syscall: "umount2" },
      read: { kind: "syscall-wrapper", path: "sysdeps/unix/sysv/linux/read.c", syscall: "read" },
      cap_set_proc: { kind: "absent", path: "", syscall: "" },
      printf: { kind: "absent", path: "", syscall: "" },
    };
    for (const [name, facts] of Object.entries(expected)) {
      const e = await evidenceOf(name);
      expect(e, name).toMatchObject({ ...facts, target: "x86_64-linux-gnu" });
      expect(e!.import.kind, name).toBe("glibc_source");
      // An absent row states the same facts as the seeded one, so it keeps the seeded row.
      if (facts.kind === "absent") continue;
      expect(e!.import.source, name).toBe(`fixture ${COMMIT}`);
      expect(e!.import.origin, name).toBe(FIXTURE);
    }
    expect(await db.function.count({ where: { evidenceId: null } })).toBe(0);
    const imp = await db.referenceImport.findUniqueOrThrow({ where: { id: report.importId } });
    expect([imp.added, imp.changed, imp.removed]).toEqual([report.added, report.changed, 0]);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "reference.import", targetId: String(report.importId) },
    });
    expect(event.details).toMatchObject({ kind: "glibc-source", target: "x86_64-linux-gnu", added: report.added });
  });

  it("keeps history on re-import: unchanged facts keep their row, a changed one gets a new current row", async () => {
    const catalog = await db.function.count();
    const again = await runEvidenceImport(FIXTURE, { source: `fixture ${COMMIT} again` });
    expect([again.added, again.changed, again.removed, again.unchanged]).toEqual([0, 0, 0, catalog]);
    expect((await evidenceOf("unshare"))!.import.source).toBe(`fixture ${COMMIT}`);

    // In a copy, unshare gets a C wrapper in a directory before that of its syscalls.list line: the .c wins.
    const dir = copyFixture();
    writeFileSync(
      path.join(dir, "sysdeps/unix/sysv/linux/x86_64/unshare.c"),
      "/* Fixture: unshare as a thin wrapper.  */\n#include <sysdep.h>\n\nint\nunshare (int flags)\n{\n  return INLINE_SYSCALL_CALL (unshare, flags);\n}\n",
    );
    const changed = await runEvidenceImport(dir, { source: "fixture v2" });
    expect([changed.added, changed.changed, changed.removed, changed.unchanged]).toEqual([0, 1, 0, catalog - 1]);
    const fn = await db.function.findUniqueOrThrow({
      where: { name: "unshare" },
      include: {
        evidence: { include: { import: true } },
        evidenceHistory: { include: { import: true }, orderBy: { id: "asc" } },
      },
    });
    expect(fn.evidence).toMatchObject({
      kind: "syscall-wrapper",
      path: "sysdeps/unix/sysv/linux/x86_64/unshare.c",
      syscall: "unshare",
    });
    // The first row is the seeded one (data/evidence/); the fixture's line numbers differ from glibc's.
    expect(fn.evidenceHistory.slice(1).map((e) => [e.import.source, e.kind])).toEqual([
      [`fixture ${COMMIT}`, "syscall-stub"],
      ["fixture v2", "syscall-wrapper"],
    ]);

    // Back to the original tree: unshare changes back; a function left out of an import loses its current evidence.
    const back = await runEvidenceImport(FIXTURE, { source: "fixture v3" });
    expect(back.changed).toBe(1);
    const rows = classifyFunctions(
      ["unshare", "mount"],
      loadDataSourceTree(),
      sysdepsSearchOrder("x86_64-linux-gnu", loadDataSysdepsTree()),
    );
    const partial = await importEvidence(rows, { source: "two names", target: "x86_64-linux-gnu" });
    // The data tree's syscalls.list lines are numbered as glibc's, not as the fixture's: both rows change.
    expect([partial.added, partial.changed, partial.removed, partial.unchanged]).toEqual([0, 2, catalog - 2, 0]);
    expect(await db.function.count({ where: { evidenceId: { not: null } } })).toBe(2);
    const restored = await runEvidenceImport(FIXTURE, { source: "fixture v4" });
    expect([restored.added, restored.changed, restored.removed]).toEqual([catalog - 2, 2, 0]);
  });

  it("refuses a bad checkout, target or syscalls.list with the path (and line) and changes nothing", async () => {
    const broken = copyFixture();
    appendFileSync(path.join(broken, "sysdeps/unix/sysv/linux/syscalls.list"), "setns\t-\tsetns\n");
    const notADir = path.join(FIXTURE, "README.md");
    const cases: [() => Promise<unknown>, RegExp][] = [
      [
        () => runEvidenceImport(broken, { source: "bad" }),
        /sysdeps\/unix\/sysv\/linux\/syscalls\.list:8: expected at least 5 columns .* found 3/,
      ],
      [
        () => runEvidenceImport(path.join(FIXTURE, "no-such-dir"), { source: "bad" }),
        /no-such-dir: no such file or directory$/,
      ],
      [() => runEvidenceImport(notADir, { source: "bad" }), /README\.md: not a directory/],
      [
        () => runEvidenceImport(path.resolve("tests/fixtures/manual"), { source: "bad" }),
        /manual: not a glibc checkout \(no sysdeps\/ directory\)/,
      ],
      [
        () => runEvidenceImport(FIXTURE, { source: "bad", target: "sparc64-linux-gnu" }),
        /sysdeps: no machine directory for target sparc64-linux-gnu \(looked for sysdeps\/sparc64; /,
      ],
      [() => runEvidenceImport(FIXTURE, { source: "bad", target: "not a triple" }), /^--target: /],
      [() => runEvidenceImport(FIXTURE, { source: "  " }), /^--source: /],
      [
        () =>
          importEvidence([{ function: "no_such_function", kind: "absent", path: "", syscall: "" }], {
            source: "bad",
            target: "x86_64-linux-gnu",
          }),
        /no_such_function: not in the catalog/,
      ],
      [
        () =>
          importEvidence([{ function: "unshare", kind: "bogus" as never, path: "x", syscall: "" }], {
            source: "bad",
            target: "x86_64-linux-gnu",
          }),
        /^unshare: /,
      ],
      [
        () =>
          importEvidence([{ function: "unshare", kind: "assembly", path: "", syscall: "" }], {
            source: "bad",
            target: "x86_64-linux-gnu",
          }),
        /^unshare: absent evidence has no path/,
      ],
    ];
    for (const [run, message] of cases) {
      const before = await snapshot();
      const error = await run().catch((e: unknown) => e);
      expect(error, String(message)).toBeInstanceOf(EvidenceImportError);
      expect((error as Error).message).toMatch(message);
      expect(await snapshot(), String(message)).toEqual(before);
    }
    // A failure inside the transaction (an importer that does not exist) rolls back every write.
    const before = await snapshot();
    const rows = classifyFunctions(
      ["unshare"],
      loadDataSourceTree(),
      sysdepsSearchOrder("x86_64-linux-gnu", loadDataSysdepsTree()),
    );
    await expect(
      importEvidence([{ ...rows[0]!, syscall: "changed" }], {
        source: "bad",
        target: "x86_64-linux-gnu",
        importedById: 987654,
      }),
    ).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
  });

  it("filters the catalog by evidence kind and by disagreement with the estimate", async () => {
    await setEstimate("getcwd", "syscall stub"); // c: disagrees
    await setEstimate("memcpy", "assembly stub"); // ifunc: disagrees
    await setEstimate("getuid", "complex"); // syscall-stub: disagrees
    await setEstimate("printf", "syscall stub"); // absent: disagrees
    await setEstimate("read", "complex"); // syscall-wrapper: agrees
    await setEstimate("open", "syscall stub"); // syscall-wrapper: agrees
    await setEstimate("fsync", "unknown"); // never disagrees
    await setEstimate("malloc", "complex"); // absent: agrees

    const disagreeing = await listFunctions(q({ disagrees: "1" }));
    expect(disagreeing.rows.map((r) => r.name)).toEqual(["getcwd", "getuid", "memcpy", "printf"]);
    // The seeded 2014 estimates all agree with the fixture tree.
    const facets = await catalogFacets(q({ disagrees: "1" }));
    expect(facets.disagrees["1"]).toBe(4);
    expect(Object.values(facets.kind).reduce((a, b) => a + b, 0)).toBe(4);
    expect(facets.kind).toEqual({ c: 1, "syscall-stub": 1, ifunc: 1, absent: 1 });

    // The SQL filter and estimateDisagrees() agree on every function.
    const all = await db.function.findMany({
      select: { name: true, estimateKind: true, evidence: { select: { kind: true } } },
    });
    expect(
      all
        .filter((f) => estimateDisagrees(f.estimateKind, f.evidence?.kind))
        .map((f) => f.name)
        .sort(),
    ).toEqual(["getcwd", "getuid", "memcpy", "printf"]);

    const wrappers = await listFunctions(q({ kind: "syscall-wrapper" }));
    expect(wrappers.rows.map((r) => r.name)).toEqual(["chown", "fdatasync", "fsync", "open", "read", "umount"]);
    const allFacets = await catalogFacets(q({}));
    expect(allFacets.kind["syscall-wrapper"]).toBe(6);
    expect(Object.values(allFacets.kind).reduce((a, b) => a + b, 0)).toBe(await db.function.count());
    expect(allFacets.disagrees["1"]).toBe(4);
    // Combined with the other filters.
    expect((await listFunctions(q({ disagrees: "1", q: "get" }))).rows.map((r) => r.name)).toEqual([
      "getcwd",
      "getuid",
    ]);
    expect((await catalogFacets(q({ disagrees: "1", q: "get" }))).kind).toEqual({ c: 1, "syscall-stub": 1 });
    expect((await listFunctions(q({ kind: "none" }))).total).toBe(0);
  });

  it("on the shipped data (file names and syscalls.list only), the 2014 estimates meet the evidence", async () => {
    const names = ["unshare", "mount", "prctl", "setgroups", "syscall", "umount2", "cap_set_proc"];
    const rows = classifyFunctions(
      names,
      loadDataSourceTree(),
      sysdepsSearchOrder("x86_64-linux-gnu", loadDataSysdepsTree()),
    );
    await importEvidence(rows, {
      source: "glibc 04e750e75b73957cf1c791535a3f4319534a52fc (data/glibc-sysdeps)",
      target: "x86_64-linux-gnu",
    });
    const seen: Record<string, [string, string, string | null, boolean]> = {};
    for (const name of names) {
      const fn = await db.function.findUniqueOrThrow({ where: { name }, include: { evidence: true } });
      seen[name] = [
        fn.evidence!.kind,
        fn.evidence!.path,
        fn.estimateKind,
        estimateDisagrees(fn.estimateKind, fn.evidence!.kind),
      ];
    }
    expect(seen).toEqual({
      unshare: ["syscall-stub", LINUX_LIST, "syscall stub", false],
      mount: ["syscall-stub", LINUX_LIST, "syscall stub", false],
      prctl: ["syscall-stub", LINUX_LIST, "syscall stub", false],
      // The data holds no file contents, so a .c reads as plain C: no setxid or wrapper detection.
      setgroups: ["c", "sysdeps/unix/sysv/linux/setgroups.c", "complex", false],
      syscall: ["assembly", "sysdeps/unix/sysv/linux/x86_64/syscall.S", "assembly stub", false],
      umount2: ["c", "sysdeps/unix/sysv/linux/umount2.c", "syscall stub", true],
      cap_set_proc: ["absent", "", "unknown", false],
    });
  });
});
