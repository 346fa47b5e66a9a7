// The seed imports the committed analysis of Debian 12's libc (data/reachability/), once.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getFunctionReachability } from "@/lib/reachability/data";
import { buildId } from "@/lib/reachability/elf";
import { analyseLibrary } from "@/lib/reachability/run-import";
import { parseReachabilityTsv } from "@/lib/reachability/tsv";
import { catalogFacets, listFunctions } from "@/lib/functions/catalog";
import { catalogQuerySchema } from "@/lib/functions/schema";
import { loadMatrix } from "@/lib/projects/matrix";
import { matrixQuerySchema } from "@/lib/projects/matrix-schema";
import { REACHABILITY_TSV, seed } from "@/lib/seed";
import { getFunctionDetail, listFunctionItems } from "@/lib/server/api/functions";
import { functionDetailSchema } from "@/lib/server/api/schemas/functions";

const LIBC = "/lib/x86_64-linux-gnu/libc.so.6";
const table = parseReachabilityTsv(readFileSync(REACHABILITY_TSV, "utf8"), REACHABILITY_TSV);

describe("seeded reachability", () => {
  beforeAll(async () => {
    await seed(db);
  }, 120_000);

  it("gives catalog functions their reachability from the committed file", async () => {
    const setgroups = await getFunctionReachability("setgroups");
    expect(setgroups!.hazards.find((h) => h.kind === "setxid")?.path).toEqual(["setgroups", "__nptl_setxid"]);
    expect(setgroups!.source).toMatchObject({ buildId: table.meta.buildId, package: table.meta.source });
    expect((await getFunctionReachability("getpid"))!.hazards).toEqual([]);
    expect(await db.function.count({ where: { reachabilityId: { not: null } } })).toBeGreaterThan(1000);
  });

  it("leaves a function the library does not define without reachability", async () => {
    await db.function.upsert({ where: { name: "cap_set_proc" }, create: { name: "cap_set_proc" }, update: {} });
    expect(await getFunctionReachability("cap_set_proc")).toBeNull();
  });

  it("gives the API's function object its reachability, null for a name the library lacks", async () => {
    const detail = functionDetailSchema.parse(await getFunctionDetail("write"));
    expect(detail.reachability).toMatchObject({
      hazards: [
        { kind: "lock", route: "cancellation" },
        { kind: "malloc", route: "fatal" },
      ],
      indirectCalls: 0,
      source: { buildId: table.meta.buildId, package: table.meta.source, library: table.meta.library },
    });
    expect(detail.reachability!.hazards[0]!.path.slice(0, 3)).toEqual([
      "write",
      "__pthread_enable_asynccancel",
      "__pthread_unwind",
    ]);
    const list = await listFunctionItems({ q: "cap_set_proc", limit: 10 });
    expect(list.items.find((i) => i.name === "cap_set_proc")?.reachability).toBeNull();
  });

  it("filters the catalog by what the child runs, with counts", async () => {
    const all = async (reach: string) => {
      const out: string[] = [];
      for (let page = 1; ; page++) {
        const { rows, pageCount } = await listFunctions({ ...catalogQuerySchema.parse({ reach }), page });
        out.push(...rows.map((r) => r.name));
        if (page >= pageCount) return out;
      }
    };
    const clean = await all("clean");
    expect(clean).toEqual(expect.arrayContaining(["getpid", "write", "waitpid", "prctl", "memcpy"]));
    expect(clean).not.toContain("printf");
    expect(clean).not.toContain("setgroups");
    expect(await all("setxid-normal")).toEqual(expect.arrayContaining(["setgroups", "setuid", "setresuid"]));
    expect(await all("lock-cancellation")).toContain("write");
    expect(await all("lock-fatal")).toContain("sigaction");
    expect(await all("none")).toContain("cap_set_proc");
    expect(await all("malloc-normal")).not.toContain("getpid");
    const facets = await catalogFacets(catalogQuerySchema.parse({}));
    expect(facets.reach.clean).toBe(clean.length);
    expect(facets.reach["lock-normal"]).toBe(
      await db.functionReachability.count({ where: { lockRoute: "normal", currentOf: { isNot: null } } }),
    );
  });

  it("gives the matrix its column of normal-route hazards", async () => {
    const reach = async (q: string) =>
      (await loadMatrix(matrixQuerySchema.parse({ q, all: "1" }))).rows.find((r) => r.name === q)?.reach;
    expect(await reach("setgroups")).toEqual(["lock", "setxid"]);
    expect(await reach("printf")).toEqual(["lock", "malloc"]);
    expect(await reach("write")).toEqual([]);
    expect(await reach("cap_set_proc")).toBeNull();
  });

  it("does not import the same file twice", async () => {
    await seed(db);
    expect(await db.referenceImport.count({ where: { kind: "glibc_binary" } })).toBe(1);
  }, 120_000);

  it("is what the importer reads from this machine's libc when it is the same build", async () => {
    const id = await buildId(LIBC);
    if (id !== table.meta.buildId) {
      console.log(`${LIBC} is build ${id}, the committed file ${table.meta.buildId}: not compared`);
      return;
    }
    const fresh = await analyseLibrary(LIBC, { debug: "/usr/lib/debug" });
    const plain = new Map(
      [...fresh.results].map(([n, r]) => [n, { hazards: r.hazards, indirectCalls: r.indirectCalls }]),
    );
    expect(plain).toEqual(table.results);
  }, 120_000);
});
