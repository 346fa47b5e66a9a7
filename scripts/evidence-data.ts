// Regenerates the shipped evidence from a glibc checkout, and compares it with data/evidence/VERIFIED.md:
//   npx tsx scripts/evidence-data.ts <glibc checkout> [--write data/evidence/x86_64-linux-gnu.tsv]
//     [--target x86_64-linux-gnu]
// The checkout must be at the commit of EVIDENCE_COMMIT (lib/evidence/data-file.ts). Without --write it only compares.
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { classifyFunctions } from "../lib/evidence/classify";
import { defaultCatalogNames, EVIDENCE_SOURCE, formatEvidenceTsv, VERIFIED_MD } from "../lib/evidence/data-file";
import { DEFAULT_TARGET, EvidenceImportError } from "../lib/evidence/import";
import { checkCheckout, checkSyscallsLists, searchOrderFor } from "../lib/evidence/run-import";
import { fsSysdepsTree } from "../lib/evidence/search-order";
import { fsSourceTree } from "../lib/evidence/source-tree";
import { compareWithVerified, formatComparison, parseVerifiedMd } from "../lib/evidence/verified";

function main(): number {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { write: { type: "string" }, target: { type: "string" } },
  });
  if (positionals.length !== 1) {
    console.error("usage: npx tsx scripts/evidence-data.ts <glibc checkout> [--write <tsv>] [--target <triple>]");
    return 2;
  }
  const target = values.target ?? DEFAULT_TARGET;
  try {
    const root = checkCheckout(positionals[0] as string);
    const order = searchOrderFor(target, fsSysdepsTree(root), root);
    const tree = fsSourceTree(root);
    checkSyscallsLists(tree, order, root);
    // `followed` (the include hops) is not part of the shipped facts.
    const rows = classifyFunctions(defaultCatalogNames(), tree, order, undefined, target).map((row) => {
      delete row.followed;
      return row;
    });
    const kinds = new Map<string, number>();
    for (const r of rows) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
    console.log(`${rows.length} functions for ${target}: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(", ")}`);
    if (values.write) {
      writeFileSync(values.write, formatEvidenceTsv({ source: EVIDENCE_SOURCE, target, rows }));
      console.log(`wrote ${values.write}`);
    }
    const comparison = compareWithVerified(rows, parseVerifiedMd(readFileSync(VERIFIED_MD, "utf8")));
    console.log(formatComparison(comparison));
    return comparison.mismatches.length ? 1 : 0;
  } catch (error) {
    if (error instanceof EvidenceImportError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

process.exitCode = main();
