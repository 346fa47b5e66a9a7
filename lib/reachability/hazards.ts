/**
 * Which hazards each function reaches through direct calls, by which route, with one shortest
 * path each. A path is `normal` when it avoids both the fatal-error and the cancellation
 * functions, `cancellation` when it avoids the fatal-error ones only, else `fatal`; a hazard
 * takes the best route any path has. The function asked about and the hazard itself may be in
 * those sets (calling `abort` reaches its lock by the normal route).
 */
import { z } from "zod";
import routesJson from "@/data/reachability/routes.json";
import type { CallGraph } from "@/lib/reachability/graph";

export const HAZARD_KINDS = ["lock", "malloc", "setxid"] as const;
export const ROUTES = ["normal", "cancellation", "fatal"] as const;
export type HazardKind = (typeof HAZARD_KINDS)[number];
export type Route = (typeof ROUTES)[number];

const names = z.array(z.string().min(1)).min(1);
export const routesSchema = z.object({
  hazards: z.object({ lock: names, malloc: names, setxid: names }),
  fatal: names,
  cancellation: names,
});
export type RouteSets = z.infer<typeof routesSchema>;

/** The project's hazard, fatal-error and cancellation sets (data/reachability/routes.json). */
export const ROUTE_SETS: RouteSets = routesSchema.parse(routesJson);

/** Every name the sets mention: these are preferred as labels in paths. */
export function routeNames(sets: RouteSets = ROUTE_SETS): Set<string> {
  return new Set([...Object.values(sets.hazards).flat(), ...sets.fatal, ...sets.cancellation]);
}

export interface Hazard {
  kind: HazardKind;
  route: Route;
  path: string[];
}

export interface Reachability {
  hazards: Hazard[];
  /** Functions with an indirect call or jump among those reachable by the normal route. */
  indirectCalls: number;
}

function nodesNamed(graph: CallGraph, list: string[]): Uint8Array {
  const wanted = new Set(list);
  const marks = new Uint8Array(graph.names.length);
  graph.names.forEach((n, i) => {
    if (n.some((name) => wanted.has(name))) marks[i] = 1;
  });
  return marks;
}

function predecessors(graph: CallGraph): number[][] {
  const preds: number[][] = graph.names.map(() => []);
  graph.successors.forEach((succ, from) => succ.forEach((to) => preds[to]!.push(from)));
  return preds;
}

/** Distance to the nearest target and the next node on the way, never passing an excluded node. */
function towards(graph: CallGraph, preds: number[][], targets: Uint8Array, excluded: Uint8Array) {
  const n = graph.names.length;
  const next = new Int32Array(n).fill(-2);
  const queue: number[] = [];
  for (let i = 0; i < n; i++)
    if (targets[i]) {
      next[i] = -1;
      queue.push(i);
    }
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head]!;
    for (const p of preds[u]!) {
      if (next[p] !== -2 || excluded[p]) continue;
      next[p] = u;
      queue.push(p);
    }
  }
  return next;
}

function walk(graph: CallGraph, next: Int32Array, from: number): number[] {
  const path = [from];
  for (let u = next[from]!; u >= 0; u = next[u]!) path.push(u);
  return path;
}

/** The shortest path from `start` under one route's exclusions, or null; `start` itself may be excluded. */
function pathFrom(graph: CallGraph, next: Int32Array, targets: Uint8Array, start: number): number[] | null {
  if (targets[start]) return [start];
  if (next[start] !== -2) return walk(graph, next, start);
  let best: number[] | null = null;
  for (const v of graph.successors[start]!) {
    if (next[v] === -2) continue;
    const rest = walk(graph, next, v);
    if (!best || rest.length + 1 < best.length) best = [start, ...rest];
  }
  return best;
}

function indirectCount(graph: CallGraph, start: number, excluded: Uint8Array): number {
  const seen = new Uint8Array(graph.names.length);
  const stack = [start];
  seen[start] = 1;
  let count = 0;
  while (stack.length) {
    const u = stack.pop()!;
    if (graph.indirect[u]! > 0) count++;
    for (const v of graph.successors[u]!) {
      if (seen[v] || excluded[v]) continue;
      seen[v] = 1;
      stack.push(v);
    }
  }
  return count;
}

/**
 * The reachability of every name the library defines among `functions` (others are left out:
 * the library does not define them). Paths start with the name asked for.
 */
export function analyse(
  graph: CallGraph,
  functions: string[],
  sets: RouteSets = ROUTE_SETS,
): Map<string, Reachability & { nodePaths: number[][] }> {
  const preds = predecessors(graph);
  const fatal = nodesNamed(graph, sets.fatal);
  const cancellation = nodesNamed(graph, sets.cancellation);
  const both = fatal.map((f, i) => f | cancellation[i]!);
  const none = new Uint8Array(graph.names.length);
  const exclusions: [Route, Uint8Array][] = [
    ["normal", both],
    ["cancellation", fatal],
    ["fatal", none],
  ];
  const searches = HAZARD_KINDS.map((kind) => {
    const targets = nodesNamed(graph, sets.hazards[kind]);
    return {
      kind,
      targets,
      routes: exclusions.map(([route, excluded]) => ({ route, next: towards(graph, preds, targets, excluded) })),
    };
  });
  const result = new Map<string, Reachability & { nodePaths: number[][] }>();
  for (const name of functions) {
    const start = graph.byName.get(name);
    if (start === undefined || start < 0 || graph.address[start]! < 0) continue;
    const hazards: Hazard[] = [];
    const nodePaths: number[][] = [];
    for (const search of searches) {
      for (const { route, next } of search.routes) {
        const path = pathFrom(graph, next, search.targets, start);
        if (!path) continue;
        hazards.push({ kind: search.kind, route, path: path.map((u, i) => (i === 0 ? name : graph.label[u]!)) });
        nodePaths.push(path);
        break;
      }
    }
    result.set(name, { hazards, indirectCalls: indirectCount(graph, start, both), nodePaths });
  }
  return result;
}
