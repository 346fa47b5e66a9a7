import { db, type DbClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Count } from "@/lib/functions/catalog";
import { CHANGES_PENDING } from "@/lib/functions/status";
import type { PriorityName } from "@/lib/pages/fields";
import { MATRIX_PAGE_SIZE, type MatrixQuery } from "@/lib/projects/matrix-schema";

export interface MatrixRow {
  name: string;
  /** The status as people read it ("agreed · changes pending" included). */
  status: string;
  glibcAs: "Safe" | "Unsafe" | null;
  posix: "listed" | "removed" | null;
  /** The hazards reached by the normal route in the analysed libc; null when it does not define the function. */
  reach: string[] | null;
  neededBy: number;
  /** Priority by project id. */
  cells: Record<number, PriorityName>;
}

/** A row of matrixSql's `rows` statement. */
export interface MatrixSqlRow {
  id: number;
  name: string;
  status: string;
  glibc_as: "Safe" | "Unsafe" | null;
  posix: "listed" | "removed" | null;
  reach: string[] | null;
  needed_by: Count;
  cells: { p: number; r: PriorityName }[] | null;
}

/**
 * The matrix's statements: one page of rows, and the count of every matching
 * function (a row with `n`). Exported for the benchmark's bare baseline, which
 * sends the same SQL through pg.
 */
export function matrixSql(query: MatrixQuery): { rows: Prisma.Sql; count: Prisma.Sql } {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (query.status) conditions.push(Prisma.sql`f.status = ${query.status}::"FunctionStatus"`);
  if (query.q) conditions.push(Prisma.sql`f.name ILIKE ${`%${query.q.replace(/[\\%_]/g, "\\$&")}%`}`);
  if (!query.all) conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM needs n WHERE n.function_id = f.id)`);
  const where = Prisma.join(conditions, " AND ");
  const order = query.sort === "needed" ? Prisma.sql`needed_by DESC, f.name` : Prisma.sql`f.name`;
  const rows = Prisma.sql`
      SELECT f.id, f.name,
             CASE WHEN f.status = 'agreed' AND EXISTS (
                    SELECT 1 FROM pages pg WHERE pg.function_id = f.id
                       AND pg.current_revision_id IS DISTINCT FROM pg.agreed_revision_id)
                  THEN ${CHANGES_PENDING} ELSE f.status::text END AS status,
             g."as"::text AS glibc_as, pe.status::text AS posix,
             CASE WHEN r.id IS NOT NULL THEN array_remove(ARRAY[
               CASE WHEN r.lock_route = 'normal' THEN 'lock' END,
               CASE WHEN r.malloc_route = 'normal' THEN 'malloc' END,
               CASE WHEN r.setxid_route = 'normal' THEN 'setxid' END], NULL) END AS reach,
             (SELECT count(*) FROM needs n WHERE n.function_id = f.id) AS needed_by,
             (SELECT json_agg(json_build_object('p', n.project_id, 'r', n.priority::text))
                FROM needs n WHERE n.function_id = f.id) AS cells
      FROM functions f
      LEFT JOIN glibc_annotations g ON g.id = f.glibc_annotation_id
      LEFT JOIN posix_entries pe ON pe.id = f.posix_entry_id
      LEFT JOIN function_reachability r ON r.id = f.reachability_id
      WHERE ${where}
      ORDER BY ${order}
      LIMIT ${MATRIX_PAGE_SIZE} OFFSET ${(query.page - 1) * MATRIX_PAGE_SIZE}`;
  return { rows, count: Prisma.sql`SELECT count(*) AS n FROM functions f WHERE ${where}` };
}

export function matrixRow(row: MatrixSqlRow): MatrixRow {
  return {
    name: row.name,
    status: row.status,
    glibcAs: row.glibc_as,
    posix: row.posix,
    reach: row.reach,
    neededBy: Number(row.needed_by),
    cells: Object.fromEntries((row.cells ?? []).map((c) => [c.p, c.r])),
  };
}

/** The functions × projects matrix, one page of rows. */
export async function loadMatrix(query: MatrixQuery, client: DbClient = db) {
  const statements = matrixSql(query);
  const [projects, rows, counted] = await Promise.all([
    client.project.findMany({ orderBy: { name: "asc" }, select: { id: true, slug: true, name: true } }),
    client.$queryRaw<MatrixSqlRow[]>(statements.rows),
    client.$queryRaw<{ n: Count }[]>(statements.count),
  ]);
  const total = Number(counted[0]?.n ?? 0);
  return {
    projects,
    total,
    pageCount: Math.max(1, Math.ceil(total / MATRIX_PAGE_SIZE)),
    rows: rows.map(matrixRow),
  };
}
