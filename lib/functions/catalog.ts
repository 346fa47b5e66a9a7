import { db, type DbClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { DISAGREEING_PAIRS } from "@/lib/evidence/agreement";
import { CATALOG_PAGE_SIZE, type CatalogQuery } from "@/lib/functions/schema";

// The catalog's filters as SQL over functions f, with their current glibc
// annotation g, POSIX entry p and implementation evidence e joined; the list
// and every facet count are built from the same conditions. Enum labels in SQL are the spellings users
// and URLs use ("in-review", "can-work-around").
const FROM = Prisma.sql`FROM functions f
  LEFT JOIN glibc_annotations g ON g.id = f.glibc_annotation_id
  LEFT JOIN posix_entries p ON p.id = f.posix_entry_id
  LEFT JOIN implementation_evidence e ON e.id = f.evidence_id`;

type Dimension = "status" | "as" | "posix" | "need" | "kind" | "disagrees";

/** The estimate disagrees with the evidence: one of the pairs of lib/evidence/agreement.ts. */
const DISAGREES = Prisma.sql`(f.estimate_kind, e.kind) IN (${Prisma.join(DISAGREEING_PAIRS.map(([estimate, kind]) => Prisma.sql`(${estimate}, ${kind})`))})`;

function needCondition(query: Pick<CatalogQuery, "project" | "priority">, alias: Prisma.Sql): Prisma.Sql[] {
  const out: Prisma.Sql[] = [];
  if (query.project)
    out.push(Prisma.sql`${alias}.project_id = (SELECT id FROM projects WHERE slug = ${query.project})`);
  if (query.priority) out.push(Prisma.sql`${alias}.priority = ${query.priority}::"Priority"`);
  return out;
}

function conditions(query: CatalogQuery, except?: Dimension): Prisma.Sql {
  const all: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (query.q) all.push(Prisma.sql`f.name ILIKE ${`%${query.q.replace(/[\\%_]/g, "\\$&")}%`}`);
  if (query.status && except !== "status") all.push(Prisma.sql`f.status = ${query.status}::"FunctionStatus"`);
  if (query.as && except !== "as") {
    all.push(
      query.as === "undocumented"
        ? Prisma.sql`g.id IS NULL`
        : Prisma.sql`g."as" = ${query.as === "safe" ? "Safe" : "Unsafe"}::"Safety"`,
    );
  }
  if (query.posix && except !== "posix") {
    all.push(
      query.posix === "not-listed" ? Prisma.sql`p.id IS NULL` : Prisma.sql`p.status = ${query.posix}::"PosixStatus"`,
    );
  }
  if (query.kind && except !== "kind")
    all.push(query.kind === "none" ? Prisma.sql`e.id IS NULL` : Prisma.sql`e.kind = ${query.kind}`);
  if (query.disagrees && except !== "disagrees") all.push(DISAGREES);
  const need = needCondition(query, Prisma.sql`n`);
  if (need.length && except !== "need")
    all.push(Prisma.sql`EXISTS (SELECT 1 FROM needs n WHERE n.function_id = f.id AND ${Prisma.join(need, " AND ")})`);
  return Prisma.join(all, " AND ");
}

function order(query: CatalogQuery): Prisma.Sql {
  // With a search, names that start with it come first.
  const prefix = query.q ? Prisma.sql`(f.name ILIKE ${`${query.q.replace(/[\\%_]/g, "\\$&")}%`}) DESC, ` : Prisma.empty;
  if (query.sort === "needed")
    return Prisma.sql`ORDER BY (SELECT count(*) FROM needs n WHERE n.function_id = f.id) DESC, ${prefix}f.name`;
  if (query.sort === "changed") return Prisma.sql`ORDER BY f.updated_at DESC, f.name`;
  return Prisma.sql`ORDER BY ${prefix}f.name`;
}

/** One page of the catalog for the given filters, with the total count. */
export async function listFunctions(query: CatalogQuery, client: DbClient = db) {
  const [ids, counted] = await Promise.all([
    client.$queryRaw<{ id: number }[]>`SELECT f.id ${FROM} WHERE ${conditions(query)} ${order(query)}
      LIMIT ${CATALOG_PAGE_SIZE} OFFSET ${(query.page - 1) * CATALOG_PAGE_SIZE}`,
    client.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n ${FROM} WHERE ${conditions(query)}`,
  ]);
  const rows = await client.function.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    select: {
      id: true,
      name: true,
      status: true,
      estimateKind: true,
      estimateAsSafety: true,
      updatedAt: true,
      glibcAnnotation: { select: { mt: true, as: true, ac: true } },
      posixEntry: { select: { status: true } },
      needs: {
        select: { priority: true, project: { select: { slug: true, name: true } } },
        orderBy: { project: { name: "asc" } },
      },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const total = Number(counted[0]?.n ?? 0);
  return { total, rows: ids.map((r) => byId.get(r.id)!), pageCount: Math.max(1, Math.ceil(total / CATALOG_PAGE_SIZE)) };
}

export type Facets = Record<
  "status" | "as" | "posix" | "project" | "priority" | "kind" | "disagrees",
  Record<string, number>
>;

const toCounts = (rows: { key: string | null; n: bigint }[]) =>
  Object.fromEntries(rows.map((r) => [r.key ?? "", Number(r.n)]));

/** For every filter option, how many functions match it together with the other filters. */
export async function catalogFacets(query: CatalogQuery, client: DbClient = db): Promise<Facets> {
  const needJoinFilter = (q: Pick<CatalogQuery, "project" | "priority">) => {
    const c = needCondition(q, Prisma.sql`n`);
    return c.length ? Prisma.sql`AND ${Prisma.join(c, " AND ")}` : Prisma.empty;
  };
  const [status, as, posix, project, priority, kind, disagrees] = await Promise.all([
    client.$queryRaw<
      { key: string; n: bigint }[]
    >`SELECT f.status::text AS key, count(*) AS n ${FROM} WHERE ${conditions(query, "status")} GROUP BY 1`,
    client.$queryRaw<
      { key: string; n: bigint }[]
    >`SELECT CASE WHEN g.id IS NULL THEN 'undocumented' WHEN g."as" = 'Safe' THEN 'safe' ELSE 'unsafe' END AS key, count(*) AS n
      ${FROM} WHERE ${conditions(query, "as")} GROUP BY 1`,
    client.$queryRaw<
      { key: string; n: bigint }[]
    >`SELECT CASE WHEN p.id IS NULL THEN 'not-listed' ELSE p.status::text END AS key, count(*) AS n
      ${FROM} WHERE ${conditions(query, "posix")} GROUP BY 1`,
    client.$queryRaw<{ key: string; n: bigint }[]>`SELECT pr.slug AS key, count(DISTINCT f.id) AS n ${FROM}
      JOIN needs n ON n.function_id = f.id ${needJoinFilter({ priority: query.priority })} JOIN projects pr ON pr.id = n.project_id
      WHERE ${conditions(query, "need")} GROUP BY 1`,
    client.$queryRaw<{ key: string; n: bigint }[]>`SELECT n.priority::text AS key, count(DISTINCT f.id) AS n ${FROM}
      JOIN needs n ON n.function_id = f.id ${needJoinFilter({ project: query.project })}
      WHERE ${conditions(query, "need")} GROUP BY 1`,
    client.$queryRaw<
      { key: string; n: bigint }[]
    >`SELECT COALESCE(e.kind, 'none') AS key, count(*) AS n ${FROM} WHERE ${conditions(query, "kind")} GROUP BY 1`,
    client.$queryRaw<
      { key: string; n: bigint }[]
    >`SELECT '1' AS key, count(*) AS n ${FROM} WHERE ${conditions(query, "disagrees")} AND ${DISAGREES}`,
  ]);
  return {
    status: toCounts(status),
    as: toCounts(as),
    posix: toCounts(posix),
    project: toCounts(project),
    priority: toCounts(priority),
    kind: toCounts(kind),
    disagrees: toCounts(disagrees),
  };
}

/**
 * Ids of the functions that match the catalog's filters, ordered by name and
 * starting after `after` (keyset pagination, for the JSON API).
 */
export async function listFunctionIdsByName(
  query: CatalogQuery,
  options: { after: string | null; limit: number },
  client: DbClient = db,
): Promise<number[]> {
  const after = options.after === null ? Prisma.empty : Prisma.sql`AND f.name > ${options.after}`;
  const rows = await client.$queryRaw<
    { id: number }[]
  >`SELECT f.id ${FROM} WHERE ${conditions(query)} ${after} ORDER BY f.name LIMIT ${options.limit}`;
  return rows.map((row) => row.id);
}
