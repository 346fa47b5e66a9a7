import { db, type DbClient } from "@/lib/db";
import { HAZARD_KINDS, ROUTES, type Hazard } from "@/lib/reachability/hazards";

/** The reachability as the API and the function page give it; null when the analysed library lacks the function. */
export interface ReachabilityView {
  hazards: Hazard[];
  indirectCalls: number;
  source: { package: string; buildId: string; library: string; importId: number; importedAt: Date };
}

const select = {
  hazards: true,
  indirectCalls: true,
  buildId: true,
  import: { select: { id: true, source: true, origin: true, createdAt: true } },
} as const;

type Row = {
  hazards: unknown;
  indirectCalls: number;
  buildId: string;
  import: { id: number; source: string; origin: string; createdAt: Date };
};

const routeRank = (h: Hazard) => ROUTES.indexOf(h.route) * 10 + HAZARD_KINDS.indexOf(h.kind);

/** Normal-route hazards first, then cancellation, then fatal; by kind within a route. */
export function toReachabilityView(row: Row | null): ReachabilityView | null {
  if (!row) return null;
  const hazards = [...(row.hazards as Hazard[])].sort((a, b) => routeRank(a) - routeRank(b));
  return {
    hazards,
    indirectCalls: row.indirectCalls,
    source: {
      package: row.import.source,
      buildId: row.buildId,
      library: row.import.origin,
      importId: row.import.id,
      importedAt: row.import.createdAt,
    },
  };
}

export const reachabilitySelect = { reachability: { select } } as const;

/** The current reachability of a function; null when the function is unknown or the library does not define it. */
export async function getFunctionReachability(name: string, client: DbClient = db): Promise<ReachabilityView | null> {
  const fn = await client.function.findUnique({ where: { name }, select: reachabilitySelect });
  return toReachabilityView(fn?.reachability ?? null);
}

/** The glibc-binary imports, newest first: the builds the evidence was read from. */
export async function listReachabilityImports(client: DbClient = db) {
  return client.referenceImport.findMany({
    where: { kind: "glibc_binary" },
    orderBy: { id: "desc" },
    take: 20,
    select: { id: true, source: true, origin: true, createdAt: true, added: true, changed: true, removed: true },
  });
}

/** The API's `reachability` of a function row selected with `reachabilitySelect`. */
export function reachabilityJson(row: Row | null) {
  const view = toReachabilityView(row);
  if (!view) return null;
  const { package: pkg, buildId, library } = view.source;
  return { hazards: view.hazards, indirectCalls: view.indirectCalls, source: { package: pkg, buildId, library } };
}
