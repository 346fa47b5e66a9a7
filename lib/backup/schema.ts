import { z } from "zod";
import type { ColumnType, TableSpec } from "@/lib/backup/columns";
import { TABLES } from "@/lib/backup/tables";

// The backup file: its header and the zod validation of its rows against the table description in
// lib/backup/tables.ts.

export const BACKUP_FORMAT = "afterfork-backup";
export const BACKUP_VERSION = 1;

export const BACKUP_NOTE =
  "Afterfork backup: every table, rows ordered by primary key, ids preserved. " +
  "Not included: login_attempts and rate_limit_buckets (ephemeral sign-in " +
  "throttling and rate-limit counters) and data_version (the page cache's " +
  "change counter), and the session secret (a restore makes a new one " +
  "unless NEXTAUTH_SECRET is set). Contains password hashes and " +
  "access-token hashes: keep it private. Restore with " +
  "`npm run backup -- restore <file>` into an empty, migrated database.";

export type Row = Record<string, unknown>;
export type BackupTables = Record<string, Row[]>;

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  note: string;
  tables: BackupTables;
}

/** ISO 8601 in UTC with milliseconds, as Date.prototype.toISOString writes it. */
const isoMillis = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
    "Expected a UTC timestamp with milliseconds, like 2026-01-31T12:00:00.000Z.",
  )
  .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString() === s, "Not a valid date.");

const INT4_MIN = -2147483648;
const INT4_MAX = 2147483647;

function columnSchema(type: ColumnType): z.ZodType {
  switch (type.kind) {
    case "int":
      return z.number().int().min(INT4_MIN).max(INT4_MAX);
    case "bigint":
      // A decimal string: JSON numbers lose precision past 2^53.
      return z
        .string()
        .regex(/^-?(0|[1-9]\d{0,18})$/, "Expected a 64-bit integer as a decimal string.")
        .refine((s) => BigInt(s) >= -(2n ** 63n) && BigInt(s) < 2n ** 63n, "Out of the 64-bit range.");
    case "text":
      return z.string().refine((s) => !s.includes("\u0000"), "Text cannot contain NUL characters.");
    case "bool":
      return z.boolean();
    case "timestamp":
      return isoMillis;
    case "json":
      return z.json();
    case "textArray":
      return z.array(z.string().refine((s) => !s.includes("\u0000"), "Text cannot contain NUL characters."));
    case "enum":
      return z.enum(type.values as [string, ...string[]]);
  }
}

export function rowSchema(spec: TableSpec): z.ZodType<Row> {
  const shape: Record<string, z.ZodType> = {};
  for (const c of spec.columns) {
    const value = c.nullable ? columnSchema(c.type).nullable() : columnSchema(c.type);
    shape[c.name] = c.default === undefined ? value : value.default(c.default);
  }
  return z.strictObject(shape) as unknown as z.ZodType<Row>;
}

/** The first two keys, read before anything else so that a newer file is refused with a clear message. */
export const backupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { error: `Not an Afterfork backup (expected "format": "${BACKUP_FORMAT}").` }),
  version: z.number({ error: "The backup has no format version." }).int().min(1),
});

export const backupSchema: z.ZodType<Backup> = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: isoMillis,
  note: z.string(),
  tables: z.strictObject(
    Object.fromEntries(
      TABLES.map((t) => [t.table, t.addedBy ? z.array(rowSchema(t)).default([]) : z.array(rowSchema(t))]),
    ),
  ),
}) as unknown as z.ZodType<Backup>;

/** "tables.users[3].email" from a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(the top level)";
}
