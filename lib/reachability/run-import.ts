/**
 * The reachability import as a command: check the library, find its symbols, disassemble it,
 * build the call graph, follow it from every catalog function, and record the result with
 * `importReachability`. Everything is read and checked before the one write transaction. A
 * `.tsv` written by `scripts/reachability-tsv.ts` can be imported instead of a library.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { db, type DbClient } from "@/lib/db";
import { disassemble } from "@/lib/reachability/disasm";
import {
  buildId as readBuildId,
  checkSharedObject,
  librarySymbols,
  ReachabilityImportError,
  readGotSlots,
} from "@/lib/reachability/elf";
import { buildCallGraph, type CallGraph } from "@/lib/reachability/graph";
import { analyse, routeNames, type Reachability } from "@/lib/reachability/hazards";
import { importReachability, type ReachabilityImportReport } from "@/lib/reachability/import";
import { parseReachabilityTsv } from "@/lib/reachability/tsv";
import type { Progress } from "@/lib/reference/run-import";

export interface LibraryAnalysis {
  library: string;
  buildId: string;
  /** The file the symbols came from (the library, or its debug file). */
  symbols: string;
  graph: CallGraph;
  results: Map<string, Reachability & { nodePaths: number[][] }>;
}

/**
 * Analyses `library` for `names` (by default every name it exports). Refuses a file that is not
 * an x86-64 shared object, a missing objdump, and a library without symbols.
 */
export async function analyseLibrary(
  library: string,
  options: { debug?: string; names?: string[] } = {},
  progress: Progress = () => {},
): Promise<LibraryAnalysis> {
  const abs = path.resolve(library);
  checkSharedObject(abs);
  const id = await readBuildId(abs);
  progress({ done: 1, total: 4, message: `build id ${id}: reading symbols and relocations` });
  const symbols = await librarySymbols(abs, id, options.debug);
  const slots = await readGotSlots(abs);
  progress({ done: 2, total: 4, message: `disassembling ${abs} (${symbols.symbols.length} function symbols)` });
  const code = await disassemble(abs);
  const graph = buildCallGraph(symbols.symbols, code, slots, routeNames());
  const names = options.names ?? [...new Set(symbols.symbols.filter((s) => s.exported).map((s) => s.name))].sort();
  progress({ done: 3, total: 4, message: `following ${graph.names.length} functions from ${names.length} names` });
  return { library: abs, buildId: id, symbols: symbols.from, graph, results: analyse(graph, names) };
}

function readTable(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    throw new ReachabilityImportError(`${file}: cannot be read`);
  }
}

/** Reads a library (or a committed .tsv) and records the reachability of every catalog function. */
export async function runReachabilityImport(
  target: string,
  options: { source?: string; debug?: string; importedById?: number | null },
  progress: Progress = () => {},
  client: DbClient = db,
): Promise<ReachabilityImportReport & { buildId: string; symbols: string; library: string }> {
  const names = (await client.function.findMany({ select: { name: true }, orderBy: { name: "asc" } })).map(
    (f) => f.name,
  );
  if (names.length === 0)
    throw new ReachabilityImportError(
      "the catalog has no functions yet: run `npm run seed` (or import the glibc manual) first",
    );
  let found: { library: string; buildId: string; symbols: string; results: Map<string, Reachability> };
  let source = options.source;
  if (target.endsWith(".tsv")) {
    const table = parseReachabilityTsv(readTable(target), target);
    const results = new Map([...table.results].filter(([name]) => names.includes(name)));
    found = { ...table.meta, results };
    source ??= table.meta.source;
  } else {
    if (!source?.trim())
      throw new ReachabilityImportError('--source: name the package and version, e.g. "libc6 2.36-9+deb12u14"');
    found = await analyseLibrary(target, { debug: options.debug, names }, progress);
  }
  progress({ done: 4, total: 4, message: `recording reachability for ${found.results.size} functions` });
  const report = await importReachability(
    found.results,
    { source: source!, origin: found.library, buildId: found.buildId, importedById: options.importedById ?? null },
    client,
  );
  return { ...report, buildId: found.buildId, symbols: found.symbols, library: found.library };
}
