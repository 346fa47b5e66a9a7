import { db, type DbClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PriorityName } from "@/lib/pages/fields";
import { MATRIX_PAGE_SIZE, type MatrixQuery } from "@/lib/projects/matrix-schema";

export interface MatrixRow {
  name: string;
  status: string;
  glibcAs: "Safe" | "Unsafe" | null;
  posix: "listed" | "removed" | null;
  neededBy: number;
  /** Priority by project id. */
  cells: Record<number, PriorityName>;
}

/** The functions × projects matrix, one page of rows. */
export async function loadMatrix(query: MatrixQuery, client: DbClient = db) {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (query.status) conditions.push(Prisma.sql`f.status = ${query.status}::"FunctionStatus"`);
  if (query.q) conditions.push(Prisma.sql`f.name ILIKE ${`%${query.q.replace(/[\\%_]/g, "\\$&")}%`}`);
  if (!query.all) conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM needs n WHERE n.function_id = f.id)`);
  const where = Prisma.join(conditions, " AND ");
  const order = query.sort === "needed" ? Prisma.sql`needed_by DESC, f.name` : Prisma.sql`f.name`;
  const [projects, rows, counted] = await Promise.all([
    client.project.findMany({ orderBy: { name: "asc" }, select: { id: true, slug: true, name: true } }),
    client.$queryRaw<
      {
        id: number;
        name: string;
        status: string;
        glibc_as: "Safe" | "Unsafe" | null;
        posix: "listed" | "removed" | null;
        needed_by: bigint;
        cells: { p: number; r: PriorityName }[] | null;
      }[]
    >`
      SELECT f.id, f.name, f.status::text AS status, g."as"::text AS glibc_as, pe.status::text AS posix,
             (SELECT count(*) FROM needs n WHERE n.function_id = f.id) AS needed_by,
             (SELECT json_agg(json_build_object('p', n.project_id, 'r', n.priority::text)) FROM needs n WHERE n.function_id = f.id) AS cells
      FROM functions f
      LEFT JOIN glibc_annotations g ON g.id = f.glibc_annotation_id
      LEFT JOIN posix_entries pe ON pe.id = f.posix_entry_id
      WHERE ${where}
      ORDER BY ${order}
      LIMIT ${MATRIX_PAGE_SIZE} OFFSET ${(query.page - 1) * MATRIX_PAGE_SIZE}`,
    client.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM functions f WHERE ${where}`,
  ]);
  const total = Number(counted[0]?.n ?? 0);
  return {
    projects,
    total,
    pageCount: Math.max(1, Math.ceil(total / MATRIX_PAGE_SIZE)),
    rows: rows.map<MatrixRow>((r) => ({
      name: r.name,
      status: r.status,
      glibcAs: r.glibc_as,
      posix: r.posix,
      neededBy: Number(r.needed_by),
      cells: Object.fromEntries((r.cells ?? []).map((c) => [c.p, c.r])),
    })),
  };
}
