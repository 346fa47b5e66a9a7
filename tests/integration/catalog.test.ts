import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { catalogFacets, listFunctions } from "@/lib/functions/catalog";
import { catalogQuerySchema, parseCatalogQuery } from "@/lib/functions/schema";
import { seed } from "@/lib/seed";

const q = (input: Record<string, unknown>) => catalogQuerySchema.parse(input);

beforeAll(async () => {
  await seed(db);
});

describe("function catalog", () => {
  it("filters by glibc AS-safety and project: AS-Unsafe and needed by linted includes setgroups", async () => {
    const { rows, total } = await listFunctions(q({ as: "unsafe", project: "linted" }));
    expect(rows.map((r) => r.name)).toContain("setgroups");
    expect(rows.every((r) => r.glibcAnnotation?.as === "Unsafe")).toBe(true);
    expect(total).toBe(rows.length);
    const linted = await db.need.findMany({
      where: { project: { slug: "linted" }, function: { glibcAnnotation: { is: { as: "Unsafe" } } } },
    });
    expect(total).toBe(linted.length);
  });

  it("combines status, POSIX and priority filters", async () => {
    const listed = await listFunctions(q({ posix: "listed", project: "linted", priority: "required" }));
    expect(listed.rows.map((r) => r.name)).toEqual(expect.arrayContaining(["execve", "dup2"]));
    expect(listed.rows.map((r) => r.name)).not.toContain("setgroups");
    const proposed = await listFunctions(q({ status: "proposed", q: "mount" }));
    expect(proposed.rows.map((r) => r.name)).toEqual(expect.arrayContaining(["mount", "umount2"]));
    expect(proposed.rows.every((r) => r.status === "proposed" && r.name.includes("mount"))).toBe(true);
    expect(proposed.rows.map((r) => r.name)).not.toContain("umount");
  });

  it("puts prefix matches first in a name search and pages through results", async () => {
    const { rows } = await listFunctions(q({ q: "ctime" }));
    expect(rows.map((r) => r.name).slice(0, 2)).toEqual(["ctime", "ctime_r"]);
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(["asctime", "asctime_r"]));
    const page1 = await listFunctions(q({}));
    const page2 = await listFunctions(q({ page: 2 }));
    expect(page1.rows).toHaveLength(50);
    expect(page1.total).toBeGreaterThan(1900);
    expect(page2.rows[0]!.name > page1.rows.at(-1)!.name).toBe(true);
  });

  it("sorts by the number of projects that need a function", async () => {
    const { rows } = await listFunctions(q({ sort: "needed" }));
    const counts = rows.map((r) => r.needs.length);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts[0]).toBeGreaterThan(0);
  });

  it("counts each filter option together with the other filters", async () => {
    const facets = await catalogFacets(q({ project: "linted" }));
    const linted = await db.need.count({ where: { project: { slug: "linted" } } });
    expect((facets.as.safe ?? 0) + (facets.as.unsafe ?? 0) + (facets.as.undocumented ?? 0)).toBe(linted);
    expect(facets.project.linted).toBe(linted);
    for (const [value, n] of Object.entries(facets.as)) {
      const { total } = await listFunctions(q({ project: "linted", as: value }));
      expect(total, value).toBe(n);
    }
    const all = await catalogFacets(q({}));
    expect(Object.values(all.status).reduce((a, b) => a + b, 0)).toBe(await db.function.count());
  });

  it("ignores unknown filter values instead of failing", () => {
    expect(parseCatalogQuery({ status: "bogus", as: ["unsafe", "safe"], page: "-3", sort: "x" })).toMatchObject({
      status: undefined,
      as: "unsafe",
      page: 1,
      sort: "name",
    });
  });
});
