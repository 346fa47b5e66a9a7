import { z } from "zod";
import { SESSION_SECRET_SETTING } from "@/lib/auth/secret";

// The backup format: every table that holds the site's data, column by
// column, as the database names them. This one description drives the export
// query, the zod validation of a file and the restore, and is checked
// against the live database before either runs, so a column added by a
// migration cannot be left out of backups silently.

export const BACKUP_FORMAT = "afterfork-backup";
export const BACKUP_VERSION = 1;

/** Tables deliberately left out, and why (written into every file's header). */
export const EXCLUDED_TABLES = {
  login_attempts: "sign-in attempts, kept only to throttle guessing; ephemeral",
  rate_limit_buckets: "rate-limit counters of the current minute; ephemeral",
  _prisma_migrations: "migration bookkeeping; the target database is migrated before a restore",
  data_version: "the page cache's change counter; the restore's own writes move it",
} as const;

export const BACKUP_NOTE =
  "Afterfork backup: every table, rows ordered by primary key, ids preserved. " +
  "Not included: login_attempts and rate_limit_buckets (ephemeral sign-in " +
  "throttling and rate-limit counters) and data_version (the page cache's " +
  "change counter), and the session secret (a restore makes a new one " +
  "unless NEXTAUTH_SECRET is set). Contains password hashes and " +
  "access-token hashes: keep it private. Restore with " +
  "`npm run backup -- restore <file>` into an empty, migrated database.";

export type ColumnType =
  | { kind: "int" }
  | { kind: "bigint" }
  | { kind: "text" }
  | { kind: "bool" }
  | { kind: "timestamp" }
  | { kind: "json" }
  | { kind: "enum"; type: string; values: readonly string[] };

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  nullable: boolean;
  /** The value when a file written before the column existed lacks it. */
  default?: unknown;
}

export interface TableSpec {
  table: string;
  columns: ColumnSpec[];
  /** Primary-key columns: the order of rows in a file. */
  key: string[];
  /** Serial column whose sequence a restore moves past the largest id. */
  serial?: string;
  /** Columns that point at rows of later tables: inserted as NULL, set once those rows exist. */
  deferred?: string[];
  /** Columns pointing at rows of the same table: rows are inserted referenced-first. */
  selfRefs?: string[];
  /** Rows never written to a file nor restored from one (a text key column and its values). */
  skipRows?: { column: string; values: readonly string[] };
}

const int = { kind: "int" } as const;
const bigint = { kind: "bigint" } as const;
const text = { kind: "text" } as const;
const bool = { kind: "bool" } as const;
const timestamp = { kind: "timestamp" } as const;
const json = { kind: "json" } as const;
const enumOf = (type: string, values: readonly string[]) => ({ kind: "enum", type, values }) as const;

// Database labels (Prisma maps some: in_review is stored as 'in-review').
export const DB_ENUMS = {
  Role: ["reader", "representative", "maintainer", "admin"],
  FunctionStatus: ["unrequested", "proposed", "in-review", "agreed", "rejected", "withdrawn"],
  PageKind: ["proposal", "needs"],
  Priority: ["required", "convenient", "can-work-around"],
  Safety: ["Safe", "Unsafe"],
  PosixStatus: ["listed", "removed"],
  ReferenceKind: ["glibc-manual", "posix-list", "glibc-source"],
  DecisionKind: ["agreed", "rejected", "withdrawn", "reopened"],
} as const;

type ColumnShorthand = [name: string, type: ColumnType, nullable?: "null" | { default: unknown }];

function table(
  name: string,
  key: string[],
  columns: ColumnShorthand[],
  extra: Omit<TableSpec, "table" | "columns" | "key"> = {},
): TableSpec {
  return {
    table: name,
    key,
    columns: columns.map(([n, type, option]) => ({
      name: n,
      type,
      nullable: option === "null",
      ...(typeof option === "object" ? { default: option.default } : {}),
    })),
    ...extra,
  };
}

/** In restore order: every table after the tables it points at (deferred columns aside). */
export const TABLES: TableSpec[] = [
  table(
    "users",
    ["id"],
    [
      ["id", int],
      ["email", text],
      ["name", text],
      ["password_hash", text, "null"],
      ["role", enumOf("Role", DB_ENUMS.Role)],
      ["disabled", bool],
      ["created_at", timestamp],
      ["session_version", int, { default: 0 }],
    ],
    { serial: "id" },
  ),
  table(
    "oauth_identities",
    ["provider", "subject"],
    [
      ["provider", text],
      ["subject", text],
      ["user_id", int],
    ],
  ),
  table(
    "projects",
    ["id"],
    [
      ["id", int],
      ["slug", text],
      ["name", text],
      ["homepage", text],
      ["description", text],
      ["caveats", text],
      ["created_at", timestamp],
    ],
    { serial: "id" },
  ),
  table(
    "project_representatives",
    ["user_id", "project_id"],
    [
      ["user_id", int],
      ["project_id", int],
    ],
  ),
  table(
    "reference_imports",
    ["id"],
    [
      ["id", int],
      ["kind", enumOf("ReferenceKind", DB_ENUMS.ReferenceKind)],
      ["source", text],
      ["origin", text],
      ["added", int],
      ["changed", int],
      ["removed", int],
      ["imported_by_id", int, "null"],
      ["created_at", timestamp],
    ],
    { serial: "id" },
  ),
  table(
    "functions",
    ["id"],
    [
      ["id", int],
      ["name", text],
      ["status", enumOf("FunctionStatus", DB_ENUMS.FunctionStatus)],
      ["status_changed_at", timestamp],
      ["created_at", timestamp],
      ["updated_at", timestamp],
      ["estimate_kind", text, "null"],
      ["estimate_as_safety", text, "null"],
      ["glibc_annotation_id", int, "null"],
      ["posix_entry_id", int, "null"],
      ["evidence_id", int, "null"],
    ],
    { serial: "id", deferred: ["glibc_annotation_id", "posix_entry_id", "evidence_id"] },
  ),
  table(
    "glibc_annotations",
    ["id"],
    [
      ["id", int],
      ["function_id", int],
      ["import_id", int],
      ["mt", enumOf("Safety", DB_ENUMS.Safety)],
      ["as", enumOf("Safety", DB_ENUMS.Safety)],
      ["ac", enumOf("Safety", DB_ENUMS.Safety)],
      ["mt_notes", text],
      ["as_notes", text],
      ["ac_notes", text],
      ["preliminary", bool],
      ["declared_as", text],
      ["texi_file", text],
      ["line", int],
      ["created_at", timestamp],
    ],
    { serial: "id" },
  ),
  table(
    "posix_entries",
    ["id"],
    [
      ["id", int],
      ["function_id", int],
      ["import_id", int],
      ["status", enumOf("PosixStatus", DB_ENUMS.PosixStatus)],
      ["note", text],
      ["man_section", text],
      ["remark", text],
      ["created_at", timestamp],
    ],
    { serial: "id" },
  ),
  table(
    "implementation_evidence",
    ["id"],
    [
      ["id", int],
      ["function_id", int],
      ["import_id", int],
      ["target", text],
      ["kind", text],
      ["path", text],
      ["syscall", text],
      ["created_at", timestamp],
    ],
    { serial: "id" },
  ),
  table(
    "pages",
    ["id"],
    [
      ["id", int],
      ["kind", enumOf("PageKind", DB_ENUMS.PageKind)],
      ["function_id", int, "null"],
      ["project_id", int, "null"],
      ["current_revision_id", int, "null"],
      ["agreed_revision_id", int, "null"],
      ["created_at", timestamp],
    ],
    { serial: "id", deferred: ["current_revision_id", "agreed_revision_id"] },
  ),
  // Append-only (a trigger refuses UPDATE): inserted once, parents first, with their final values.
  table(
    "revisions",
    ["id"],
    [
      ["id", int],
      ["page_id", int],
      ["number", int],
      ["parent_id", int, "null"],
      ["author_id", int],
      ["summary", text],
      ["text", text],
      ["fields", json],
      ["size", int],
      ["restored_from_id", int, "null"],
      ["created_at", timestamp],
    ],
    { serial: "id", selfRefs: ["parent_id", "restored_from_id"] },
  ),
  table(
    "needs",
    ["project_id", "function_id"],
    [
      ["project_id", int],
      ["function_id", int],
      ["priority", enumOf("Priority", DB_ENUMS.Priority)],
      ["rationale", text],
      ["context", text],
      ["position", int],
    ],
  ),
  table(
    "votes",
    ["id"],
    [
      ["id", int],
      ["revision_id", int],
      ["voter_id", int],
      ["value", int],
      ["comment", text],
      ["created_at", timestamp],
      ["updated_at", timestamp],
    ],
    { serial: "id" },
  ),
  table(
    "decisions",
    ["id"],
    [
      ["id", int],
      ["page_id", int],
      ["revision_id", int],
      ["kind", enumOf("DecisionKind", DB_ENUMS.DecisionKind)],
      ["actor_id", int],
      ["reason", text],
      ["created_at", timestamp],
    ],
    { serial: "id" },
  ),
  table(
    "comments",
    ["id"],
    [
      ["id", int],
      ["page_id", int],
      ["author_id", int],
      ["body", text],
      ["parent_id", int, "null"],
      ["created_at", timestamp],
    ],
    { serial: "id", selfRefs: ["parent_id"] },
  ),
  table(
    "audit_events",
    ["id"],
    [
      ["id", bigint],
      ["actor_id", int, "null"],
      ["action", text],
      ["target_type", text],
      ["target_id", text],
      ["details", json],
      ["created_at", timestamp],
    ],
    { serial: "id" },
  ),
  table(
    "settings",
    ["key"],
    [
      ["key", text],
      ["value", json],
      ["updated_at", timestamp],
      ["updated_by_id", int, "null"],
    ],
    // A backup is handed around more freely than the database, and the session
    // secret signs cookies as any user: it stays out, and a restore makes a new one.
    { skipRows: { column: "key", values: [SESSION_SECRET_SETTING] } },
  ),
  table(
    "access_tokens",
    ["id"],
    [
      ["id", int],
      ["user_id", int],
      ["name", text],
      ["token_hash", text],
      ["scope", text],
      ["created_at", timestamp],
      ["last_used_at", timestamp, "null"],
      ["revoked_at", timestamp, "null"],
    ],
    { serial: "id" },
  ),
  table(
    "watches",
    ["user_id", "page_id"],
    [
      ["user_id", int],
      ["page_id", int],
      ["last_visited_at", timestamp],
    ],
  ),
];

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
  tables: z.strictObject(Object.fromEntries(TABLES.map((t) => [t.table, z.array(rowSchema(t))]))),
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

/** The database's type name of a column spec, for comparing with information_schema. */
export function udtName(type: ColumnType): string {
  switch (type.kind) {
    case "int":
      return "int4";
    case "bigint":
      return "int8";
    case "text":
      return "text";
    case "bool":
      return "bool";
    case "timestamp":
      return "timestamptz";
    case "json":
      return "jsonb";
    case "enum":
      return type.type;
  }
}
