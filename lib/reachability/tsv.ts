/**
 * The committed form of one analysis (data/reachability/*.tsv), which the seed imports so that a
 * fresh site has the evidence without binutils or libc6-dbg: a few `# key<TAB>value` header lines
 * (build id, source, library, the command that regenerates it), then one row per function the
 * library exports: `function`, `indirect_calls`, and for each hazard kind `route path,of,names`
 * or an empty cell when the kind is not reached.
 */
import { ReachabilityImportError } from "@/lib/reachability/elf";
import { HAZARD_KINDS, ROUTES, type Hazard, type Reachability, type Route } from "@/lib/reachability/hazards";

export interface ReachabilityTable {
  meta: { buildId: string; source: string; library: string; symbols: string; regenerate: string };
  results: Map<string, Reachability>;
}

const COLUMNS = ["function", "indirect_calls", ...HAZARD_KINDS];
const META_KEYS = ["build-id", "source", "library", "symbols", "regenerate"] as const;

export function formatReachabilityTsv(table: ReachabilityTable): string {
  const { meta } = table;
  const values = [meta.buildId, meta.source, meta.library, meta.symbols, meta.regenerate];
  const lines = [
    "# What each exported function reaches through direct calls (lib/reachability); see data/README.md.",
    ...META_KEYS.map((key, i) => `# ${key}\t${values[i]}`),
    COLUMNS.join("\t"),
  ];
  for (const name of [...table.results.keys()].sort()) {
    const r = table.results.get(name)!;
    const cells = HAZARD_KINDS.map((kind) => {
      const h = r.hazards.find((x) => x.kind === kind);
      return h ? `${h.route} ${h.path.join(",")}` : "";
    });
    lines.push([name, String(r.indirectCalls), ...cells].join("\t"));
  }
  return `${lines.join("\n")}\n`;
}

export function parseReachabilityTsv(text: string, file: string): ReachabilityTable {
  const meta = new Map<string, string>();
  const results = new Map<string, Reachability>();
  let header = false;
  text.split("\n").forEach((line, i) => {
    const fail = (problem: string) => new ReachabilityImportError(`${file}:${i + 1}: ${problem}`);
    if (line.startsWith("#")) {
      const m = /^# ([a-z-]+)\t(.*)$/.exec(line);
      if (m) meta.set(m[1]!, m[2]!);
      return;
    }
    if (!line) return;
    const cells = line.split("\t");
    if (!header) {
      if (cells.join("\t") !== COLUMNS.join("\t")) throw fail(`expected the header ${COLUMNS.join(", ")}`);
      header = true;
      return;
    }
    if (cells.length !== COLUMNS.length) throw fail(`expected ${COLUMNS.length} columns, found ${cells.length}`);
    const [name, indirect, ...hazardCells] = cells as [string, string, ...string[]];
    if (!/^\d+$/.test(indirect)) throw fail(`indirect_calls is not a count: ${JSON.stringify(indirect)}`);
    const hazards: Hazard[] = [];
    hazardCells.forEach((cell, k) => {
      if (!cell) return;
      const m = /^(\w+) (\S+)$/.exec(cell);
      if (!m || !ROUTES.includes(m[1] as Route)) throw fail(`expected "<route> <path,of,names>": ${cell}`);
      hazards.push({ kind: HAZARD_KINDS[k]!, route: m[1] as Route, path: m[2]!.split(",") });
    });
    results.set(name, { hazards, indirectCalls: Number(indirect) });
  });
  if (!header) throw new ReachabilityImportError(`${file}: no header line (${COLUMNS.join(", ")})`);
  const missing = META_KEYS.filter((k) => !meta.get(k));
  if (missing.length) throw new ReachabilityImportError(`${file}: header lines missing: ${missing.join(", ")}`);
  const get = (k: (typeof META_KEYS)[number]) => meta.get(k)!;
  return {
    meta: {
      buildId: get("build-id"),
      source: get("source"),
      library: get("library"),
      symbols: get("symbols"),
      regenerate: get("regenerate"),
    },
    results,
  };
}
