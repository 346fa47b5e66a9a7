import { db, type DbClient, type Tx } from "@/lib/db";
import { ensureAuthSecret } from "@/lib/auth/secret";
import { BackupError, inTransaction, quoteIdent, requireKnownSchema } from "@/lib/backup/database";
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  backupHeaderSchema,
  backupSchema,
  formatPath,
  type Backup,
  type Row,
} from "@/lib/backup/schema";
import type { ColumnSpec, TableSpec } from "@/lib/backup/columns";
import { TABLES } from "@/lib/backup/tables";

/** Reads and validates a backup file's text; a BackupError names the first problem and where it is. */
export function parseBackup(text: string): Backup {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BackupError(`The file is not valid JSON: ${(error as Error).message}`);
  }
  const header = backupHeaderSchema.safeParse(json);
  if (!header.success) {
    const issue = header.error.issues[0]!;
    throw new BackupError(`The file is not an Afterfork backup: ${formatPath(issue.path)}: ${issue.message}`);
  }
  if (header.data.version > BACKUP_VERSION) {
    throw new BackupError(
      `This backup is format version ${header.data.version}; ` +
        `this version of Afterfork reads version ${BACKUP_VERSION} at most. ` +
        "Restore it with the Afterfork release that wrote it, or a newer one.",
    );
  }
  const parsed = backupSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BackupError(`The backup is malformed at ${formatPath(issue.path)}: ${issue.message}`);
  }
  return parsed.data;
}

/** The record type and the cast of a column when rows arrive as JSON through jsonb_to_recordset. */
function recordColumn(column: ColumnSpec): { declared: string; value: string } {
  const r = `r.${quoteIdent(column.name)}`;
  switch (column.type.kind) {
    case "int":
      return { declared: "integer", value: r };
    case "bool":
      return { declared: "boolean", value: r };
    case "text":
      return { declared: "text", value: r };
    case "bigint":
      return { declared: "text", value: `${r}::bigint` };
    case "timestamp":
      return { declared: "text", value: `${r}::timestamptz` };
    case "json":
      // Sent as JSON text so that a top-level JSON null stays a JSON null, not SQL NULL.
      return { declared: "text", value: `${r}::jsonb` };
    case "enum":
      return { declared: "text", value: `${r}::${quoteIdent(column.type.type)}` };
    case "textArray":
      return { declared: "jsonb", value: `ARRAY(SELECT jsonb_array_elements_text(${r}))` };
  }
}

function recordDefinition(columns: ColumnSpec[]): string {
  return columns.map((c) => `${quoteIdent(c.name)} ${recordColumn(c).declared}`).join(", ");
}

/** A row as sent to the database: JSON columns as their text, deferred columns as given. */
function encode(spec: TableSpec, row: Row, blank: readonly string[] = []): Row {
  const out: Row = {};
  for (const c of spec.columns) {
    const value = row[c.name];
    if (blank.includes(c.name)) out[c.name] = null;
    else if (c.type.kind === "json") out[c.name] = JSON.stringify(value);
    else out[c.name] = value;
  }
  return out;
}

/** Chunks small enough for one statement each (the JSON parameter stays well under PostgreSQL's limits). */
function chunks<T>(items: T[], size: (item: T) => number, maxRows = 5000, maxBytes = 16 * 1024 * 1024): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const n = size(item);
    if (current.length && (current.length >= maxRows || bytes + n > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += n;
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * Rows of a self-referencing table, each after the rows it points at (id order when the ids already are, as they
 * always are when written by the app).
 */
export function referencedFirst(rows: Row[], refs: readonly string[]): Row[] {
  const ids = new Set(rows.map((r) => r.id));
  const done = new Set<unknown>();
  const out: Row[] = [];
  let pending = rows;
  while (pending.length) {
    const rest: Row[] = [];
    for (const row of pending) {
      const ready = refs.every((ref) => row[ref] === null || !ids.has(row[ref]) || done.has(row[ref]));
      if (ready) {
        out.push(row);
        done.add(row.id);
      } else {
        rest.push(row);
      }
    }
    if (rest.length === pending.length) {
      throw new BackupError(
        `The backup's ${refs.join("/")} references form a cycle (rows ${rest
          .slice(0, 5)
          .map((r) => String(r.id))
          .join(", ")}).`,
      );
    }
    pending = rest;
  }
  return out;
}

async function insertRows(tx: Tx, spec: TableSpec, rows: Row[]): Promise<void> {
  const names = spec.columns.map((c) => quoteIdent(c.name)).join(", ");
  const values = spec.columns.map((c) => recordColumn(c).value).join(", ");
  const sql = `
    INSERT INTO ${quoteIdent(spec.table)} (${names})
    SELECT ${values} FROM jsonb_to_recordset($1::jsonb) AS r(${recordDefinition(spec.columns)})`;
  const encoded = rows.map((r) => JSON.stringify(encode(spec, r, spec.deferred)));
  for (const chunk of chunks(encoded, (s) => s.length)) {
    await tx.$executeRawUnsafe(sql, `[${chunk.join(",")}]`);
  }
}

/** Sets the columns that were inserted as NULL, now that the rows they point at exist. */
async function setDeferred(tx: Tx, spec: TableSpec, rows: Row[]): Promise<void> {
  const deferred = spec.deferred ?? [];
  const columns = spec.columns.filter((c) => c.name === "id" || deferred.includes(c.name));
  const withValues = rows.filter((r) => deferred.some((d) => r[d] !== null));
  if (!withValues.length) return;
  const sets = deferred.map((d) => `${quoteIdent(d)} = r.${quoteIdent(d)}`).join(", ");
  const sql = `
    UPDATE ${quoteIdent(spec.table)} AS t SET ${sets}
    FROM jsonb_to_recordset($1::jsonb) AS r(${recordDefinition(columns)})
    WHERE t."id" = r."id"`;
  const encoded = withValues.map((r) => JSON.stringify(Object.fromEntries(columns.map((c) => [c.name, r[c.name]]))));
  for (const chunk of chunks(encoded, (s) => s.length)) {
    await tx.$executeRawUnsafe(sql, `[${chunk.join(",")}]`);
  }
}

export interface RestoreReport {
  /** Rows restored per table, in restore order. */
  rows: Record<string, number>;
}

/**
 * Loads a backup into an empty, migrated database in one transaction,
 * preserving ids, then moves every serial sequence past the largest id so
 * later inserts work. Refuses (BackupError, nothing changed) a database
 * that holds any row in any backed-up table.
 */
export async function restoreBackup(backup: Backup, client: DbClient = db): Promise<RestoreReport> {
  if (backup.format !== BACKUP_FORMAT || backup.version !== BACKUP_VERSION)
    throw new BackupError("Not a backup this version of Afterfork can restore.");
  return inTransaction(client, async (tx) => {
    await requireKnownSchema(tx, "restore into");
    // Nobody writes while we check emptiness and load.
    await tx.$executeRawUnsafe(
      `LOCK TABLE ${TABLES.map((t) => quoteIdent(t.table)).join(", ")} IN ACCESS EXCLUSIVE MODE`,
    );
    const counts = await tx.$queryRawUnsafe<{ table: string; n: string }[]>(
      TABLES.map((t) => `SELECT '${t.table}' AS "table", count(*)::text AS n FROM ${quoteIdent(t.table)}`).join(
        " UNION ALL ",
      ),
    );
    const occupied = counts.filter((c) => c.n !== "0");
    if (occupied.length) {
      const rows = occupied.map((c) => `${c.table}: ${Number(c.n).toLocaleString("en")} rows`).join(", ");
      throw new BackupError(
        `The database is not empty (${rows}). ` +
          "Restore only into an empty database that `npm run migrate` has prepared; nothing was changed.",
      );
    }
    const report: RestoreReport = { rows: {} };
    let table = "";
    try {
      for (const spec of TABLES) {
        table = spec.table;
        const rows = restorable(spec, backup.tables[spec.table] ?? []);
        await insertRows(tx, spec, spec.selfRefs ? referencedFirst(rows, spec.selfRefs) : rows);
        report.rows[spec.table] = rows.length;
      }
      for (const spec of TABLES) {
        table = spec.table;
        if (spec.deferred) await setDeferred(tx, spec, restorable(spec, backup.tables[spec.table] ?? []));
      }
    } catch (error) {
      if (error instanceof BackupError) throw error;
      // The rows do not fit together (a dangling reference, a duplicate key…): the transaction rolls back.
      const message = (error as Error).message.replace(/^[\s\S]*?Message: `([\s\S]*)`[\s\S]*$/, "$1");
      throw new BackupError(`The database refused the backup's ${table} rows, so nothing was restored: ${message}`);
    }
    for (const spec of TABLES) {
      if (!spec.serial) continue;
      const table = quoteIdent(spec.table);
      const column = quoteIdent(spec.serial);
      await tx.$queryRawUnsafe(
        `SELECT setval(
          pg_get_serial_sequence('${table}', '${spec.serial}'),
          COALESCE((SELECT max(${column}) FROM ${table}), 0) + 1,
          false
        )::text`,
      );
    }
    // A file written before the secret was left out still carries it: it is dropped above, so make a new one.
    if (!process.env.NEXTAUTH_SECRET) await ensureAuthSecret(tx);
    return report;
  });
}

/** The rows of a table a restore loads: those skipped on export are dropped from older files too. */
function restorable(spec: TableSpec, rows: Row[]): Row[] {
  const skip = spec.skipRows;
  return skip ? rows.filter((row) => !skip.values.includes(String(row[skip.column]))) : rows;
}

/** Parses, validates and restores a backup file's text. */
export async function restoreBackupText(text: string, client: DbClient = db): Promise<RestoreReport> {
  return restoreBackup(parseBackup(text), client);
}
