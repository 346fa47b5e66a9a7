import { Prisma } from "@/lib/generated/prisma/client";
import { HAZARD_KINDS } from "@/lib/reachability/hazards";
import type { ReachFilter } from "@/lib/reachability/filters";

// The reachability filter as SQL over the catalog's functions f with their current reachability r
// (lib/functions/catalog.ts joins it).

export const REACH_JOIN = Prisma.sql`LEFT JOIN function_reachability r ON r.id = f.reachability_id`;

const ROUTE_COLUMN = {
  lock: Prisma.sql`r.lock_route`,
  malloc: Prisma.sql`r.malloc_route`,
  setxid: Prisma.sql`r.setxid_route`,
} as const;

const CLEAN = Prisma.sql`(r.id IS NOT NULL AND r.lock_route IS DISTINCT FROM 'normal'
  AND r.malloc_route IS DISTINCT FROM 'normal')`;

export function reachCondition(filter: ReachFilter): Prisma.Sql {
  if (filter === "clean") return CLEAN;
  if (filter === "none") return Prisma.sql`r.id IS NULL`;
  const [kind, route] = filter.split("-") as [keyof typeof ROUTE_COLUMN, string];
  return Prisma.sql`${ROUTE_COLUMN[kind]} = ${route}`;
}

/** Every filter value a function matches (several: it may reach a lock and malloc), for the facet counts. */
export const REACH_KEYS = Prisma.sql`unnest(ARRAY[CASE WHEN r.id IS NULL THEN 'none' WHEN ${CLEAN} THEN 'clean' END,
  ${Prisma.join(
    HAZARD_KINDS.map((k) => Prisma.sql`${k + "-"} || ${ROUTE_COLUMN[k]}`),
    ", ",
  )}])`;
