import type { DbClient, Tx } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { udtName, type TableSpec } from "@/lib/backup/columns";
import { EXCLUDED_TABLES, TABLES } from "@/lib/backup/tables";

/** A backup or restore that cannot be done; the message says why and what to do. Nothing was changed. */
export class BackupError extends Error {}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * ORDER BY of a table's primary key; text keys in byte order so the result does not depend on the
 * server's collation.
 */
export function orderBy(spec: TableSpec): string {
  return spec.key
    .map((k) => {
      const column = spec.columns.find((c) => c.name === k)!;
      return column.type.kind === "text" ? `${quoteIdent(k)} COLLATE "C"` : quoteIdent(k);
    })
    .join(", ");
}

/** Runs in one transaction (the client's own when given a transaction already). */
export function inTransaction<T>(
  client: DbClient,
  run: (tx: Tx) => Promise<T>,
  options: { isolationLevel?: "RepeatableRead" | "Serializable" | "ReadCommitted" } = {},
): Promise<T> {
  if (!("$transaction" in client)) return run(client);
  return (client as PrismaClient).$transaction(run, { timeout: 30 * 60_000, maxWait: 60_000, ...options });
}

interface ColumnInfo {
  table_name: string;
  column_name: string;
  udt_name: string;
  is_nullable: string;
}

/**
 * Compares the tables and columns the backup format knows with the
 * database's. Any difference means a backup would lose data or a restore
 * would not fit: the database is not migrated, or a migration changed the
 * schema without updating lib/backup/schema.ts.
 */
export async function schemaProblems(client: DbClient): Promise<string[]> {
  const rows = await client.$queryRawUnsafe<ColumnInfo[]>(
    `SELECT table_name::text, column_name::text, udt_name::text, is_nullable::text
       FROM information_schema.columns
      WHERE table_schema = current_schema()
      ORDER BY table_name, ordinal_position`,
  );
  const enums = await client.$queryRawUnsafe<{ type: string; label: string }[]>(
    `SELECT t.typname::text AS type, e.enumlabel::text AS label
       FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = current_schema()
      ORDER BY t.typname, e.enumsortorder`,
  );
  const problems: string[] = [];
  const byTable = new Map<string, ColumnInfo[]>();
  for (const r of rows) byTable.set(r.table_name, [...(byTable.get(r.table_name) ?? []), r]);
  if (byTable.size === 0) return ["the database has no tables: run `npm run migrate` on it first"];
  for (const spec of TABLES) {
    const actual = byTable.get(spec.table);
    if (!actual) {
      problems.push(`table ${spec.table} is missing (is the database migrated?)`);
      continue;
    }
    for (const c of spec.columns) {
      const a = actual.find((x) => x.column_name === c.name);
      if (!a) problems.push(`column ${spec.table}.${c.name} is missing`);
      else if (a.udt_name !== udtName(c.type))
        problems.push(`column ${spec.table}.${c.name} is ${a.udt_name}, the backup format expects ${udtName(c.type)}`);
      else if ((a.is_nullable === "YES") !== c.nullable)
        problems.push(
          `column ${spec.table}.${c.name} is ${a.is_nullable === "YES" ? "nullable" : "NOT NULL"} in ` +
            `the database, not in the backup format`,
        );
      const type = c.type;
      if (type.kind === "enum") {
        const labels = enums.filter((e) => e.type === type.type).map((e) => e.label);
        const expected: readonly string[] = type.values;
        if (labels.join(",") !== expected.join(","))
          problems.push(
            `enum ${type.type} has labels ${labels.join(", ")}, the backup format expects ${expected.join(", ")}`,
          );
      }
    }
    for (const a of actual) {
      if (!spec.columns.some((c) => c.name === a.column_name))
        problems.push(`column ${spec.table}.${a.column_name} is not in the backup format`);
    }
  }
  for (const name of byTable.keys()) {
    if (!TABLES.some((t) => t.table === name) && !(name in EXCLUDED_TABLES))
      problems.push(`table ${name} is not in the backup format`);
  }
  return [...new Set(problems)];
}

export async function requireKnownSchema(client: DbClient, doing: "back up" | "restore into"): Promise<void> {
  const problems = await schemaProblems(client);
  if (problems.length) {
    throw new BackupError(
      `Cannot ${doing} this database: its schema does not match the backup format ` +
        `(lib/backup/schema.ts): ${problems.join("; ")}.`,
    );
  }
}
