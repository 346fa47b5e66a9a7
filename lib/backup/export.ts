import { audit } from "@/lib/audit/log";
import { db, type DbClient } from "@/lib/db";
import { inTransaction, orderBy, quoteIdent, requireKnownSchema } from "@/lib/backup/database";
import {
  BACKUP_FORMAT,
  BACKUP_NOTE,
  BACKUP_VERSION,
  type Backup,
  type BackupTables,
  type Row,
} from "@/lib/backup/schema";
import type { ColumnSpec, TableSpec } from "@/lib/backup/columns";
import { TABLES } from "@/lib/backup/tables";

/**
 * The SELECT expression of a column, chosen so that every value arrives as text, number or boolean that the file
 * keeps exactly.
 */
function selectExpression(column: ColumnSpec): string {
  const c = quoteIdent(column.name);
  switch (column.type.kind) {
    case "int":
    case "bool":
    case "text":
      return c;
    case "bigint":
    case "enum":
    case "json":
      return `${c}::text`;
    case "textArray":
      return `to_jsonb(${c})::text`;
    case "timestamp":
      return `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  }
}

function selectSql(spec: TableSpec): string {
  const columns = spec.columns.map((c, i) => `${selectExpression(c)} AS c${i}`).join(", ");
  const skipped = spec.skipRows?.values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ");
  const skip = spec.skipRows ? ` WHERE ${quoteIdent(spec.skipRows.column)} NOT IN (${skipped})` : "";
  return `SELECT ${columns} FROM ${quoteIdent(spec.table)}${skip} ORDER BY ${orderBy(spec)}`;
}

function toRow(spec: TableSpec, raw: Record<string, unknown>): Row {
  const row: Row = {};
  spec.columns.forEach((column, i) => {
    const value = raw[`c${i}`];
    if (value === null || value === undefined) row[column.name] = null;
    else if (column.type.kind === "json" || column.type.kind === "textArray")
      row[column.name] = JSON.parse(String(value));
    else if (column.type.kind === "int") row[column.name] = Number(value);
    else row[column.name] = value;
  });
  return row;
}

/**
 * Reads every table of the backup format, rows ordered by primary key, in
 * one REPEATABLE READ transaction so that the backup is a consistent
 * snapshot even while the site is in use.
 */
export async function exportBackup(client: DbClient = db, options: { exportedAt?: Date } = {}): Promise<Backup> {
  const tables = await inTransaction(
    client,
    async (tx) => {
      await requireKnownSchema(tx, "back up");
      const out: BackupTables = {};
      for (const spec of TABLES) {
        const rows = await tx.$queryRawUnsafe<Record<string, unknown>[]>(selectSql(spec));
        out[spec.table] = rows.map((r) => toRow(spec, r));
      }
      return out;
    },
    { isolationLevel: "RepeatableRead" },
  );
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: (options.exportedAt ?? new Date()).toISOString(),
    note: BACKUP_NOTE,
    tables,
  };
}

/**
 * The file's text in pieces: the header, then each table with one row per
 * line (keys in column order), so that files diff and grep well and a large
 * backup can be written without one huge string.
 */
export function* backupChunks(backup: Backup): Generator<string> {
  yield "{\n";
  yield `  "format": ${JSON.stringify(backup.format)},\n`;
  yield `  "version": ${JSON.stringify(backup.version)},\n`;
  yield `  "exportedAt": ${JSON.stringify(backup.exportedAt)},\n`;
  yield `  "note": ${JSON.stringify(backup.note)},\n`;
  yield `  "tables": {\n`;
  const names = Object.keys(backup.tables);
  for (const [t, name] of names.entries()) {
    const rows = backup.tables[name]!;
    const end = t === names.length - 1 ? "\n" : ",\n";
    if (rows.length === 0) {
      yield `    ${JSON.stringify(name)}: []${end}`;
      continue;
    }
    yield `    ${JSON.stringify(name)}: [\n`;
    for (const [i, row] of rows.entries()) yield `      ${JSON.stringify(row)}${i === rows.length - 1 ? "\n" : ",\n"}`;
    yield `    ]${end}`;
  }
  yield "  }\n}\n";
}

export function serializeBackup(backup: Backup): string {
  return [...backupChunks(backup)].join("");
}

/** Records that an admin downloaded a backup (the whole database leaves the site: it is always audited). */
export async function recordBackupDownload(actorId: number, backup: Backup, client: DbClient = db): Promise<void> {
  await audit(client, {
    actorId,
    action: "backup.download",
    targetType: "database",
    targetId: "all",
    details: { exportedAt: backup.exportedAt },
  });
}
