// npm run backup -- export <file>    writes every table as versioned JSON
// npm run backup -- restore <file>   loads such a file into an empty, migrated database
import { createWriteStream } from "node:fs";
import { readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { z } from "zod";
import { BackupError } from "../lib/backup/database";

const usage = `usage: npm run backup -- export <file>
       npm run backup -- restore <file>
DATABASE_URL names the database. A restore needs an empty database that
\`npm run migrate\` has prepared, and refuses any other.`;

const argsSchema = z.tuple([z.enum(["export", "restore"]), z.string().trim().min(1)]);

async function writeAtomically(file: string, chunks: Iterable<string>): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const out = createWriteStream(temporary, { encoding: "utf8", mode: 0o600 });
  try {
    for (const chunk of chunks) {
      if (!out.write(chunk)) await once(out, "drain");
    }
    out.end();
    await once(out, "finish");
    await rename(temporary, file);
  } catch (error) {
    out.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
}

async function main(): Promise<number> {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  const parsed = argsSchema.safeParse(positionals);
  if (!parsed.success) {
    console.error(usage);
    return 2;
  }
  const [command, file] = parsed.data;
  const { db } = await import("../lib/db");
  const started = Date.now();
  try {
    if (command === "export") {
      const { backupChunks, exportBackup } = await import("../lib/backup/export");
      const backup = await exportBackup(db);
      await writeAtomically(file, backupChunks(backup));
      const counts = Object.entries(backup.tables)
        .map(([t, rows]) => `${t} ${rows.length}`)
        .join(", ");
      console.log(`Backup written to ${file} (${((Date.now() - started) / 1000).toFixed(1)} s): ${counts}.`);
      console.log("It contains password hashes and the session secret: keep it private.");
    } else {
      const { parseBackup, restoreBackup } = await import("../lib/backup/restore");
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch (error) {
        console.error(`Cannot read ${file}: ${(error as Error).message}`);
        return 1;
      }
      const report = await restoreBackup(parseBackup(text), db);
      const counts = Object.entries(report.rows)
        .map(([t, n]) => `${t} ${n}`)
        .join(", ");
      console.log(`Restored ${file} (${((Date.now() - started) / 1000).toFixed(1)} s): ${counts}.`);
    }
    return 0;
  } catch (error) {
    if (error instanceof BackupError) {
      console.error(error.message);
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
