import { HAZARD_KINDS, ROUTES, type HazardKind, type Route } from "@/lib/reachability/hazards";

/**
 * The catalog's reachability filter: `clean` (analysed, and reaching no lock and no malloc by the
 * normal route), `<kind>-<route>` (reaches that kind, its best route being that one), or `none`
 * (the analysed library does not define the function).
 */
export const REACH_FILTERS = [
  "clean",
  ...HAZARD_KINDS.flatMap((kind) => ROUTES.map((route) => `${kind}-${route}` as `${HazardKind}-${Route}`)),
  "none",
] as const;
export type ReachFilter = (typeof REACH_FILTERS)[number];

const KIND_WORDS: Record<HazardKind, string> = { lock: "a lock", malloc: "malloc", setxid: "set*id broadcast" };
const ROUTE_WORDS: Record<Route, string> = {
  normal: "normally",
  cancellation: "only when cancelled",
  fatal: "only on a fatal error",
};

export function reachFilterLabel(value: ReachFilter): string {
  if (value === "clean") return "no lock and no malloc by the normal route";
  if (value === "none") return "not in the analysed library";
  const [kind, route] = value.split("-") as [HazardKind, Route];
  return `reaches ${KIND_WORDS[kind]} ${ROUTE_WORDS[route]}`;
}
