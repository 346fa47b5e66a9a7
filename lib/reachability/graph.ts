/**
 * The direct call graph of a library: one node per function start (all the symbols at one
 * address are its names), an edge for each call, each jump that leaves the function (a tail
 * call, or a jump into a `.cold` part or another function), each call through the PLT or a GOT
 * slot resolved to its target, and from an IFUNC to every implementation its resolver can return.
 * Indirect calls and jumps are counted per function: the analysis cannot follow them.
 */
import type { Disassembly } from "@/lib/reachability/disasm";
import type { ElfSymbol, SlotTarget } from "@/lib/reachability/elf";

export interface CallGraph {
  /** Every name of each node (functions of the library, then names defined in other objects). */
  names: string[][];
  /** The name shown in paths. */
  label: string[];
  /** Start address, or -1 for a function defined in another object (ld.so's, through the PLT). */
  address: number[];
  ifunc: boolean[];
  successors: number[][];
  /** Indirect calls and jumps in each node (an IFUNC's resolver runs at load time and is not counted). */
  indirect: number[];
  /** "from,to" -> address of the first instruction that makes the edge. */
  site: Map<string, number>;
  byName: Map<string, number>;
}

/** The name a path shows: a stable, readable one among a function's aliases (`write`, not `__GI___libc_write`). */
function pickLabel(symbols: ElfSymbol[], preferred: ReadonlySet<string>): string {
  const score = (s: ElfSymbol) => [
    preferred.has(s.name) ? 0 : 1,
    s.name.startsWith("__GI_") ? 1 : 0,
    s.exported ? 0 : 1,
    /^_*/.exec(s.name)![0].length,
    s.name.length,
  ];
  const sorted = [...symbols].sort((a, b) => {
    const x = score(a);
    const y = score(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
  return sorted[0]!.name;
}

interface Ranges {
  starts: number[];
  ends: number[];
}

/** Index of the function whose range holds `address`, or -1. */
function ownerOf(ranges: Ranges, address: number): number {
  let lo = 0;
  let hi = ranges.starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ranges.starts[mid]! <= address) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && address < ranges.ends[found]! ? found : -1;
}

/**
 * Builds the graph. `preferred` names (the hazard and route sets) win as labels, so that a path
 * shows `__lll_lock_wait_private` rather than an alias of it.
 */
export function buildCallGraph(
  symbols: ElfSymbol[],
  code: Disassembly,
  slots: Map<number, SlotTarget>,
  preferred: ReadonlySet<string> = new Set(),
): CallGraph {
  const byAddress = new Map<number, ElfSymbol[]>();
  for (const s of symbols) byAddress.set(s.address, [...(byAddress.get(s.address) ?? []), s]);
  const starts = [...byAddress.keys()].sort((a, b) => a - b);
  const ends = starts.map((start, i) => {
    const size = Math.max(...byAddress.get(start)!.map((s) => s.size));
    return size > 0 ? start + size : (starts[i + 1] ?? start + 1);
  });
  const ranges = { starts, ends };
  const graph: CallGraph = {
    names: [],
    label: [],
    address: [],
    ifunc: [],
    successors: [],
    indirect: [],
    site: new Map(),
    byName: new Map(),
  };
  const addNode = (names: string[], label: string, address: number, ifunc: boolean) => {
    const id = graph.names.length;
    graph.names.push(names);
    graph.label.push(label);
    graph.address.push(address);
    graph.ifunc.push(ifunc);
    graph.successors.push([]);
    graph.indirect.push(0);
    return id;
  };
  starts.forEach((start) => {
    const group = byAddress.get(start)!;
    const names = [...new Set(group.map((s) => s.name))];
    addNode(
      names,
      pickLabel(group, preferred),
      start,
      group.some((s) => s.ifunc),
    );
  });
  // An exported name wins over a local one of the same spelling (a static helper elsewhere).
  for (const s of [...symbols].sort((a, b) => Number(a.exported) - Number(b.exported)))
    graph.byName.set(s.name, ownerOf(ranges, s.address));
  const seen = new Set<string>();
  const addEdge = (from: number, to: number, site: number) => {
    if (to < 0 || to === from) return;
    const key = `${from},${to}`;
    if (seen.has(key)) return;
    seen.add(key);
    graph.successors[from]!.push(to);
    graph.site.set(key, site);
  };
  const slotTarget = (slot: number): number => {
    const target = slots.get(slot);
    if (!target) return -1;
    if ("address" in target) return ownerOf(ranges, target.address);
    const here = graph.byName.get(target.name);
    if (here !== undefined) return here;
    const id = addNode([target.name], target.name, -1, false);
    graph.byName.set(target.name, id);
    return id;
  };
  // Code of a function that runs on into a symbol inside its range (an alternative entry point).
  starts.forEach((start, i) => {
    for (let j = i + 1; j < starts.length && starts[j]! < ends[i]!; j++) addEdge(i, j, start);
  });
  for (const t of code.transfers) {
    const from = ownerOf(ranges, t.site);
    if (from < 0) continue;
    const ifunc = graph.ifunc[from]!;
    if (t.kind === "address") {
      if (ifunc && byAddress.has(t.target)) addEdge(from, ownerOf(ranges, t.target), t.site);
      continue;
    }
    if (ifunc) continue;
    if (t.kind === "indirect") {
      graph.indirect[from]!++;
      continue;
    }
    if (t.kind === "slot-call") {
      const to = slotTarget(t.target);
      if (to < 0) graph.indirect[from]!++;
      else addEdge(from, to, t.site);
      continue;
    }
    const stubSlot = code.pltSlots.get(t.target);
    if (code.pltStubs.has(t.target)) {
      addEdge(from, stubSlot === undefined ? -1 : slotTarget(stubSlot), t.site);
      continue;
    }
    const to = ownerOf(ranges, t.target);
    // A jump within the function is its own control flow; one into another function is a tail call.
    if (t.kind === "call" || to !== from) addEdge(from, to, t.site);
  }
  return graph;
}
