// npm run import -- glibc-manual <manual/ directory or TSV> --source "<commit or release>"
// npm run import -- posix-list <signal-safety.7 or TSV> [--source "<man-pages commit or release>"]
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { IMPORT_KINDS, readImportPath, runImport } from "../lib/reference/run-import";
import { ReferenceParseError } from "../lib/reference/texinfo";

const usage = `usage: npm run import -- glibc-manual <manual dir | tsv> --source "<commit>"
       npm run import -- posix-list <signal-safety.7 | tsv> [--source "<commit>"]`;

const argsSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  target: z.string().min(1),
  source: z.string().trim().min(1).max(200).optional(),
});

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { source: { type: "string" } } });
  const parsed = argsSchema.safeParse({ kind: positionals[0], target: positionals[1], source: values.source });
  if (!parsed.success || positionals.length !== 2) {
    console.error(usage);
    return 2;
  }
  const { kind, target } = parsed.data;
  if (kind === "glibc-manual" && !parsed.data.source) {
    console.error('glibc-manual needs --source "<glibc commit or release>" so that every annotation names where it came from.');
    return 2;
  }
  const source = parsed.data.source ?? `man-pages ${path.basename(target)}`;
  const { db } = await import("../lib/db");
  const started = Date.now();
  try {
    const files = await readImportPath(target);
    const outcome = await runImport(kind, files, { source, origin: path.resolve(target) }, ({ done, total, message }) => {
      process.stderr.write(`[${done}/${total}] ${message}\n`);
    });
    for (const u of outcome.undocumented) console.log(`note: ${u.texiFile}:${u.line}: ${u.function} is declared without a @safety line (not imported)`);
    console.log(`${kind} import #${outcome.importId} from ${source}: ${outcome.total} functions; ${outcome.added} added, ${outcome.changed} changed, ${outcome.removed} removed, ${outcome.unchanged} unchanged (${((Date.now() - started) / 1000).toFixed(1)} s).`);
    return 0;
  } catch (error) {
    if (error instanceof ReferenceParseError) {
      console.error(`${error.message}\nNothing was imported.`);
      return 1;
    }
    throw error;
  } finally {
    await db.$disconnect();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
