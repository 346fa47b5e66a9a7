// The seed imports the committed analysis of Debian 12's libc (data/reachability/), once.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getFunctionReachability } from "@/lib/reachability/data";
import { buildId } from "@/lib/reachability/elf";
import { analyseLibrary } from "@/lib/reachability/run-import";
import { parseReachabilityTsv } from "@/lib/reachability/tsv";
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
