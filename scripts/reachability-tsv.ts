// npx tsx scripts/reachability-tsv.ts <libc.so.6> [--debug <file or dir>] --source "<package and version>" > out.tsv
// Writes what every function the library exports reaches (lib/reachability/tsv.ts), for the seed.
import { parseArgs } from "node:util";
import { ReachabilityImportError } from "../lib/reachability/elf";
import { analyseLibrary } from "../lib/reachability/run-import";
import { formatReachabilityTsv } from "../lib/reachability/tsv";

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { debug: { type: "string" }, source: { type: "string" } },
  });
  const library = positionals[0];
  if (positionals.length !== 1 || !library || !values.source) {
    console.error('usage: npx tsx scripts/reachability-tsv.ts <libc.so.6> [--debug <file | dir>] --source "<package>"');
    return 2;
  }
  try {
    const a = await analyseLibrary(library, { debug: values.debug });
    const regenerate =
      `npx tsx scripts/reachability-tsv.ts ${library}${values.debug ? ` --debug ${values.debug}` : ""} ` +
      `--source "${values.source}"`;
    const meta = { buildId: a.buildId, source: values.source, library: a.library, symbols: a.symbols, regenerate };
    process.stdout.write(formatReachabilityTsv({ meta, results: a.results }));
    console.error(`${a.results.size} functions of ${a.library} (build id ${a.buildId}).`);
    return 0;
  } catch (error) {
    if (!(error instanceof ReachabilityImportError)) throw error;
    console.error(error.message);
    return 1;
  }
}

main().then((code) => process.exit(code));
