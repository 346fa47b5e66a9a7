// How the backup describes a table and its columns, with the shorthand lib/backup/tables.ts is written in.

export type ColumnType =
  | { kind: "int" }
  | { kind: "bigint" }
  | { kind: "text" }
  | { kind: "bool" }
  | { kind: "timestamp" }
  | { kind: "json" }
  | { kind: "textArray" }
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
  /** The migration that created the table: a file written before it has no such table and restores with none. */
  addedBy?: string;
}

export const int = { kind: "int" } as const;
export const bigint = { kind: "bigint" } as const;
export const text = { kind: "text" } as const;
export const bool = { kind: "bool" } as const;
export const timestamp = { kind: "timestamp" } as const;
export const json = { kind: "json" } as const;
export const textArray = { kind: "textArray" } as const;
export const enumOf = (type: string, values: readonly string[]) => ({ kind: "enum", type, values }) as const;

// Database labels (Prisma maps some: in_review is stored as 'in-review').
export const DB_ENUMS = {
  Role: ["reader", "representative", "maintainer", "admin"],
  FunctionStatus: ["unrequested", "proposed", "in-review", "agreed", "rejected", "withdrawn"],
  PageKind: ["proposal", "needs"],
  Priority: ["required", "convenient", "can-work-around"],
  Safety: ["Safe", "Unsafe"],
  PosixStatus: ["listed", "removed"],
  ReferenceKind: ["glibc-manual", "posix-list", "glibc-source", "glibc-binary"],
  DecisionKind: ["agreed", "rejected", "withdrawn", "reopened"],
} as const;

/** A column as `[name, type]`, plus "null" when nullable or the default for older files (which may be nullable). */
type ColumnShorthand = [name: string, type: ColumnType, nullable?: "null" | { default: unknown; nullable?: true }];

export function table(
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
      nullable: option === "null" || (typeof option === "object" && option.nullable === true),
      ...(typeof option === "object" ? { default: option.default } : {}),
    })),
    ...extra,
  };
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
    case "textArray":
      return "_text";
    case "enum":
      return type.type;
  }
}
