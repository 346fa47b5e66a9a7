// npm run import -- glibc-manual <manual/ directory or TSV> --source "<commit or release>"
// npm run import -- posix-list <signal-safety.7 or TSV> [--source "<man-pages commit or release>"]
// npm run import -- glibc-source <glibc checkout> --source "<commit>" [--target x86_64-linux-gnu]
// npm run import -- glibc-binary <libc.so.6 or TSV> [--debug <file or dir>] --source "<package and version>"
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { DEFAULT_TARGET, EvidenceImportError } from "../lib/evidence/import";
import { runEvidenceImport } from "../lib/evidence/run-import";
import { ReachabilityImportError } from "../lib/reachability/elf";
import { runReachabilityImport } from "../lib/reachability/run-import";
import { IMPORT_KINDS, readImportPath, runImport } from "../lib/reference/run-import";
import { ReferenceParseError } from "../lib/reference/parse-error";

const usage = `usage: npm run import -- glibc-manual <manual dir | tsv> --source "<commit>"
       npm run import -- posix-list <signal-safety.7 | tsv> [--source "<commit>"]
       npm run import -- glibc-source <glibc checkout> --source "<commit>" [--target ${DEFAULT_TARGET}]
       npm run import -- glibc-binary <libc.so.6 | tsv> [--debug <file | dir>] --source "<package and version>"`;

const argsSchema = z.object({
  kind: z.enum([...IMPORT_KINDS, "glibc-source", "glibc-binary"]),
  target: z.string().min(1),
  source: z.string().trim().min(1).max(200).optional(),
  triple: z.string().trim().min(1).max(100).optional(),
  debug: z.string().min(1).optional(),
});

const progress = ({ done, total, message }: { done: number; total: number; message: string }) => {
  process.stderr.write(`[${done}/${total}] ${message}\n`);
};

const OPTIONS = { source: { type: "string" }, target: { type: "string" }, debug: { type: "string" } } as const;

function readArgs() {
  try {
    return parseArgs({ allowPositionals: true, options: OPTIONS });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return null;
  }
}

async function main(): Promise<number> {
  const args = readArgs();
  if (!args) return 2;
  const { positionals, values } = args;
  const parsed = argsSchema.safeParse({
    kind: positionals[0],
    target: positionals[1],
    source: values.source,
    triple: values.target,
    debug: values.debug,
  });
  if (!parsed.success || positionals.length !== 2) {
    console.error(usage);
    return 2;
  }
  const { kind, target } = parsed.data;
  if (kind !== "glibc-source" && parsed.data.triple) {
    console.error(`--target applies to glibc-source only.\n${usage}`);
    return 2;
  }
  if (kind === "glibc-manual" && !parsed.data.source) {
    console.error(
      'glibc-manual needs --source "<glibc commit or release>" so that every annotation names where it came from.',
    );
    return 2;
  }
  if (kind === "glibc-source" && !parsed.data.source) {
    console.error(
      'glibc-source needs --source "<glibc commit>" (the 40-hex commit the checkout is at) so that the ' +
        "evidence links to the files it was read from.",
    );
    return 2;
  }
  if (kind !== "glibc-binary" && parsed.data.debug) {
    console.error(`--debug applies to glibc-binary only.\n${usage}`);
    return 2;
  }
  if (kind === "glibc-binary" && !parsed.data.source && !target.endsWith(".tsv")) {
    console.error(
      'glibc-binary needs --source "<package and version>" (e.g. "libc6 2.36-9+deb12u14") so that the ' +
        "evidence names the build it was read from.",
    );
    return 2;
  }
  const { db } = await import("../lib/db");
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  try {
    if (kind === "glibc-binary") {
      const r = await runReachabilityImport(target, { source: parsed.data.source, debug: parsed.data.debug }, progress);
      console.log(
        `glibc-binary import #${r.importId} of ${r.library} (build id ${r.buildId}, symbols from ${r.symbols}): ` +
          `${r.total} catalog functions defined; by the normal route ${r.normal.lock} reach a lock, ` +
          `${r.normal.malloc} malloc, ${r.normal.setxid} the set*id broadcast; ${r.added} added, ${r.changed} ` +
          `changed, ${r.removed} removed, ${r.unchanged} unchanged (${seconds()} s).`,
      );
      return 0;
    }
    if (kind === "glibc-source") {
      const source = parsed.data.source!;
      const report = await runEvidenceImport(
        target,
        { source, target: parsed.data.triple ?? DEFAULT_TARGET },
        progress,
      );
      const kinds = Object.entries(report.kinds)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, n]) => `${k} ${n}`)
        .join(", ");
      console.log(
        `glibc-source import #${report.importId} from ${source} for ${report.target}: ${report.total} ` +
          `functions (${kinds}); ${report.added} added, ${report.changed} changed, ${report.removed} ` +
          `removed, ${report.unchanged} unchanged (${seconds()} s).`,
      );
      return 0;
    }
    const source = parsed.data.source ?? `man-pages ${path.basename(target)}`;
    const files = await readImportPath(target);
    const outcome = await runImport(kind, files, { source, origin: path.resolve(target) }, progress);
    for (const u of outcome.undocumented)
      console.log(`note: ${u.texiFile}:${u.line}: ${u.function} is declared without a @safety line (not imported)`);
    console.log(
      `${kind} import #${outcome.importId} from ${source}: ${outcome.total} functions; ${outcome.added} ` +
        `added, ${outcome.changed} changed, ${outcome.removed} removed, ${outcome.unchanged} unchanged ` +
        `(${seconds()} s).`,
    );
    return 0;
  } catch (error) {
    const known = [ReferenceParseError, EvidenceImportError, ReachabilityImportError];
    if (known.some((type) => error instanceof type)) {
      console.error(`${(error as Error).message}\nNothing was imported.`);
      return 1;
    }
    throw error;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
