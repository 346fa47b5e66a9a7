import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seed } from "@/lib/seed";
import { coverageByProject, sumCoverage } from "@/lib/projects/coverage";
import { loadMatrix } from "@/lib/projects/matrix";
import { matrixQuerySchema } from "@/lib/projects/matrix-schema";

/** Priority per function read straight from a needs TSV, independently of the seed code. */
function tsv(file: string): Map<string, string> {
  const rows = readFileSync(`data/needs/${file}`, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split("\t"));
  return new Map(rows.map(([fn, priority]) => [fn!, priority!]));
}

beforeAll(async () => {
  await seed(db);
});

describe("functions × projects matrix", () => {
  it("shows every seeded project's needs as cells", async () => {
    const { projects, rows, total } = await loadMatrix(matrixQuerySchema.parse({ page: 1 }));
    const all = [...rows];
    for (let page = 2; all.length < total; page++)
      all.push(...(await loadMatrix(matrixQuerySchema.parse({ page }))).rows);
    const id = (slug: string) => projects.find((p) => p.slug === slug)!.id;
    const column = (slug: string) =>
      new Map(all.filter((r) => r.cells[id(slug)]).map((r) => [r.name, r.cells[id(slug)]]));
    expect(column("docker")).toEqual(tsv("runc.tsv"));
    expect(column("lxc")).toEqual(tsv("lxc.tsv"));
    expect(column("chrome")).toEqual(tsv("chromium.tsv"));
    expect(column("docker").size).toBe(36);
    expect(column("lxc").size).toBe(72);
    expect(column("chrome").size).toBe(31);
    const systemd = column("systemd");
    for (const [fn, priority] of [...tsv("systemd.tsv"), ...tsv("systemd-safe_fork.tsv")]) {
      expect(systemd.has(fn), fn).toBe(true);
      if (priority === "required") expect(systemd.get(fn), fn).toBe("required");
    }
    expect(column("linted").get("syscall")).toBe("required");
    expect(column("linted").get("setpriority")).toBe("can-work-around");
    // Only needed functions are rows by default, sorted by how many projects need them.
    expect(all.every((r) => r.neededBy > 0)).toBe(true);
    expect(all.map((r) => r.neededBy)).toEqual([...all.map((r) => r.neededBy)].sort((a, b) => b - a));
    const close = all.find((r) => r.name === "close")!;
    expect(close.neededBy).toBe(Object.keys(close.cells).length);
  });

  it("filters rows by status and can show every catalog function", async () => {
    const proposed = await loadMatrix(matrixQuerySchema.parse({ status: "proposed" }));
    expect(proposed.rows.every((r) => r.status === "proposed")).toBe(true);
    const everything = await loadMatrix(matrixQuerySchema.parse({ all: "1" }));
    expect(everything.total).toBe(await db.function.count());
  });
});

describe("coverage", () => {
  it("counts each project's required functions by state", async () => {
    const coverage = await coverageByProject();
    for (const [slug, c] of coverage) {
      const required = await db.need.count({ where: { project: { slug }, priority: "required" } });
      expect(c.total, slug).toBe(required);
      const posix = await db.need.count({
        where: { project: { slug }, priority: "required", function: { posixEntry: { is: { status: "listed" } } } },
      });
      expect(c.posix, slug).toBe(posix);
      expect(c.posix + c.agreed + c.review + c.unknown + c.rejected).toBe(c.total);
    }
    const docker = coverage.get("docker")!;
    const runcRequired = [...tsv("runc.tsv")].filter(([, p]) => p === "required").length;
    expect(docker.total).toBe(runcRequired);
    expect(sumCoverage(coverage.values()).total).toBe(await db.need.count({ where: { priority: "required" } }));
  });
});
