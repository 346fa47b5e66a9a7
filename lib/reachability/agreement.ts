import type { ReachabilityView } from "@/lib/reachability/data";
import type { Hazard } from "@/lib/reachability/hazards";

/**
 * The hazards that contradict an "AS-safe" estimate: a lock or malloc reached by the normal route
 * (a function that can wait on a lock or touch the heap is not async-signal-safe). Empty when the
 * estimate is something else, or the library does not define the function.
 */
export function hazardsAgainstEstimate(asSafety: string | null | undefined, r: ReachabilityView | null): Hazard[] {
  if (asSafety !== "AS-safe" || !r) return [];
  return r.hazards.filter((h) => h.route === "normal" && (h.kind === "lock" || h.kind === "malloc"));
}
