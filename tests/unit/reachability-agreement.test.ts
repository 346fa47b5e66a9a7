import { describe, expect, it } from "vitest";
import { hazardsAgainstEstimate } from "@/lib/reachability/agreement";
import type { ReachabilityView } from "@/lib/reachability/data";
import type { Hazard } from "@/lib/reachability/hazards";

const view = (hazards: ReachabilityView["hazards"]): ReachabilityView => ({
  hazards,
  indirectCalls: 0,
  source: { package: "libc6", buildId: "ab", library: "/lib/libc.so.6", importId: 1, importedAt: new Date(0) },
});

describe("an AS-safe estimate against the libc binary", () => {
  const lock: Hazard = { kind: "lock", route: "normal", path: ["printf", "__lll_lock_wait_private"] };
  const malloc: Hazard = { kind: "malloc", route: "normal", path: ["printf", "malloc"] };

  it("is contradicted by a lock or malloc reached by the normal route", () => {
    expect(hazardsAgainstEstimate("AS-safe", view([lock, malloc]))).toEqual([lock, malloc]);
  });

  it("is not contradicted by hazards only on cancellation or a fatal error, nor by the set*id broadcast", () => {
    const r = view([
      { kind: "lock", route: "cancellation", path: ["write", "__pthread_unwind"] },
      { kind: "malloc", route: "fatal", path: ["write", "abort"] },
      { kind: "setxid", route: "normal", path: ["setuid", "__nptl_setxid"] },
    ]);
    expect(hazardsAgainstEstimate("AS-safe", r)).toEqual([]);
  });

  it("says nothing about other estimates or a function the library lacks", () => {
    expect(hazardsAgainstEstimate("AS-unsafe", view([lock]))).toEqual([]);
    expect(hazardsAgainstEstimate("unknown", view([lock]))).toEqual([]);
    expect(hazardsAgainstEstimate("AS-safe", null)).toEqual([]);
  });
});
