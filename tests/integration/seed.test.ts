import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seed, GLIBC_MANUAL_TSV, POSIX_TSV } from "@/lib/seed";
import { seedDemoUsers, DEMO_USERS } from "@/lib/seed/demo-users";
import { needsFieldsSchema, proposalFieldsSchema } from "@/lib/pages/fields";
import { formatSafety } from "@/lib/reference/format";

function namesIn(file: string): Set<string> {
  const lines = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .slice(1);
  return new Set(lines.map((l) => l.split("\t")[0]!));
}

async function tableCounts() {
  const tables = [
    "users",
    "projects",
    "functions",
    "pages",
    "revisions",
    "needs",
    "glibc_annotations",
    "posix_entries",
    "reference_imports",
    "project_representatives",
  ];
  const out: Record<string, number> = {};
  for (const table of tables) {
    const rows = await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM ${table}`);
    out[table] = Number(rows[0]!.n);
  }
  return out;
}

describe("seed", () => {
  beforeAll(async () => {
    await seed(db);
    await seedDemoUsers(db);
  });

  it("puts every name of both reference files in the catalog", async () => {
    const names = new Set([...namesIn(GLIBC_MANUAL_TSV), ...namesIn(POSIX_TSV)]);
    expect(names.size).toBeGreaterThan(1900);
    const inDb = new Set((await db.function.findMany({ select: { name: true } })).map((f) => f.name));
    const missing = [...names].filter((n) => !inDb.has(n));
    expect(missing).toEqual([]);
  });

  it("records the thread's estimates as the maintainer wrote them", async () => {
    const expected: Record<string, [string, string, string]> = {
      unshare: ["syscall stub", "", "AS-safe"],
      mount: ["syscall stub", "", "AS-safe"],
      syscall: ["assembly stub", "pure function", "AS-safe"],
      umount2: ["syscall stub", "", "AS-safe"],
      setgroups: ["complex", "", "AS-unsafe"],
      cap_set_proc: ["unknown", "libcap, not glibc", "unknown"],
      prctl: ["syscall stub", "", "AS-safe"],
    };
    for (const [name, [kind, note, as]] of Object.entries(expected)) {
      const fn = await db.function.findUniqueOrThrow({
        where: { name },
        include: { page: { include: { currentRevision: true } } },
      });
      const fields = proposalFieldsSchema.parse(fn.page!.currentRevision!.fields);
      expect([fields.implementationKind, fields.implementationNote, fields.asSafety], name).toEqual([kind, note, as]);
      expect(fn.status).toBe("proposed");
      expect(fn.estimateAsSafety).toBe(as);
    }
  });

  it("imports the glibc manual's annotation of printf", async () => {
    const fn = await db.function.findUniqueOrThrow({
      where: { name: "printf" },
      include: { glibcAnnotation: true, posixEntry: true },
    });
    expect(formatSafety(fn.glibcAnnotation!)).toBe(
      "MT-Safe locale | AS-Unsafe corrupt heap | AC-Unsafe mem lock corrupt",
    );
    expect(fn.posixEntry).toBeNull();
    const write = await db.function.findUniqueOrThrow({ where: { name: "write" }, include: { posixEntry: true } });
    expect(write.posixEntry?.status).toBe("listed");
  });

  it("gives linted's needs list two revisions whose rows differ", async () => {
    const project = await db.project.findUniqueOrThrow({
      where: { slug: "linted" },
      include: { page: { include: { revisions: { orderBy: { number: "asc" } } } } },
    });
    const [first, second] = project.page!.revisions;
    expect(project.page!.revisions).toHaveLength(2);
    const rows1 = needsFieldsSchema.parse(first!.fields).rows;
    const rows2 = needsFieldsSchema.parse(second!.fields).rows;
    expect(rows1.filter((r) => r.priority === "required").map((r) => r.function)).toEqual([
      "unshare",
      "mount",
      "syscall",
      "umount2",
      "setgroups",
      "cap_set_proc",
      "prctl",
    ]);
    expect(rows1.find((r) => r.function === "syscall")?.context).toBe("for pivot_root only");
    expect(rows1.find((r) => r.function === "setpriority")?.priority).toBe("can-work-around");
    expect(rows2.map((r) => r.function)).toEqual(
      expect.arrayContaining([...rows1.map((r) => r.function), "sigtimedwait", "execve", "dup2"]),
    );
    expect(rows2.find((r) => r.function === "pthread_sigmask")?.priority).toBe("required");
    expect(rows2.find((r) => r.function === "sigtimedwait")?.priority).toBe("convenient");
    expect(second!.summary).toContain("4d4cf9390353ea045b95671474ab278456793a35");
    expect(second!.parentId).toBe(first!.id);
    const needs = await db.need.count({ where: { projectId: project.id } });
    expect(needs).toBe(rows2.length);
  });

  it("seeds the needs lists read from runc, LXC, systemd and Chromium, with their sources and caveats", async () => {
    const counts = Object.fromEntries(
      await Promise.all(
        ["docker", "lxc", "systemd", "chrome"].map(async (slug) => [
          slug,
          await db.need.count({ where: { project: { slug } } }),
        ]),
      ),
    );
    expect(counts).toEqual({ docker: 36, lxc: 72, systemd: 56, chrome: 31 });
    const docker = await db.project.findUniqueOrThrow({
      where: { slug: "docker" },
      include: { page: { include: { currentRevision: true } } },
    });
    expect(docker.page!.currentRevision!.summary).toContain(
      "opencontainers/runc at 76d9cf5da5683ff449ae967db58fa8c5927ca54b",
    );
    expect(docker.caveats).toContain("single-threaded");
    const systemd = await db.project.findUniqueOrThrow({ where: { slug: "systemd" } });
    expect(systemd.caveats).toContain("v255");
    // Functions the catalog lacked are created as proposed.
    const lxcOnly = await db.need.findMany({
      where: { project: { slug: "lxc" }, function: { glibcAnnotationId: null, posixEntryId: null } },
      include: { function: true },
    });
    expect(lxcOnly.length).toBeGreaterThan(0);
    expect(lxcOnly.every((n) => n.function.status === "proposed")).toBe(true);
  });

  it("links the demo representatives to their projects", async () => {
    expect(DEMO_USERS).toHaveLength(7);
    const rep = await db.user.findUniqueOrThrow({
      where: { email: "rep-linted@afterfork.test" },
      include: { projects: { include: { project: true } } },
    });
    expect(rep.projects.map((p) => p.project.slug)).toEqual(["linted"]);
  });

  it("changes nothing when run again", async () => {
    const before = await tableCounts();
    await seed(db);
    await seedDemoUsers(db);
    expect(await tableCounts()).toEqual(before);
  });
});
