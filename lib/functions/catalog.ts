import { db, type DbClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { DISAGREEING_PAIRS } from "@/lib/evidence/agreement";
import { CATALOG_PAGE_SIZE, type CatalogQuery } from "@/lib/functions/schema";
import { hasPendingChanges } from "@/lib/functions/status";
import { REACH_JOIN, REACH_KEYS, reachCondition } from "@/lib/reachability/catalog-sql";

// The catalog's filters as SQL over functions f, with their current glibc
// annotation g, POSIX entry p and implementation evidence e joined; the list
// and every facet count are built from the same conditions. Enum labels in
// SQL are the spellings users and URLs use ("in-review", "can-work-around").
// The statements are exported so that the benchmark's bare baseline sends the
// very same SQL through pg.
const FROM = Prisma.sql`FROM functions f
  LEFT JOIN glibc_annotations g ON g.id = f.glibc_annotation_id
  LEFT JOIN posix_entries p ON p.id = f.posix_entry_id
  LEFT JOIN implementation_evidence e ON e.id = f.evidence_id
  ${REACH_JOIN}`;

type Dimension = "status" | "as" | "posix" | "need" | "kind" | "estimate" | "disagrees" | "reach";

/** The estimate disagrees with the evidence: one of the pairs of lib/evidence/agreement.ts. */
const DISAGREES = Prisma.sql`(f.estimate_kind, e.kind) IN (${Prisma.join(
  DISAGREEING_PAIRS.map(([estimate, kind]) => Prisma.sql`(${estimate}, ${kind})`),
)})`;

const likeEscaped = (text: string) => text.replace(/[\\%_]/g, "\\$&");

function needCondition(query: Pick<CatalogQuery, "project" | "priority">, alias: Prisma.Sql): Prisma.Sql[] {
  const out: Prisma.Sql[] = [];
  if (query.project)
    out.push(Prisma.sql`${alias}.project_id = (SELECT id FROM projects WHERE slug = ${query.project})`);
  if (query.priority) out.push(Prisma.sql`${alias}.priority = ${query.priority}::"Priority"`);
  return out;
}

function conditions(query: CatalogQuery, except?: Dimension): Prisma.Sql {
  const all: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (query.q) all.push(Prisma.sql`f.name ILIKE ${`%${likeEscaped(query.q)}%`}`);
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
  if (query.estimate && except !== "estimate")
    all.push(
      query.estimate === "none"
        ? Prisma.sql`f.estimate_as_safety IS NULL`
        : Prisma.sql`f.estimate_as_safety = ${query.estimate}`,
    );
  if (query.disagrees && except !== "disagrees") all.push(DISAGREES);
  if (query.reach && except !== "reach") all.push(reachCondition(query.reach));
  const need = needCondition(query, Prisma.sql`n`);
  if (need.length && except !== "need")
    all.push(Prisma.sql`EXISTS (SELECT 1 FROM needs n WHERE n.function_id = f.id AND ${Prisma.join(need, " AND ")})`);
  return Prisma.join(all, " AND ");
}

function order(query: CatalogQuery): Prisma.Sql {
  // With a search, names that start with it come first.
  const prefix = query.q ? Prisma.sql`(f.name ILIKE ${`${likeEscaped(query.q)}%`}) DESC, ` : Prisma.empty;
  if (query.sort === "needed")
    return Prisma.sql`ORDER BY (SELECT count(*) FROM needs n WHERE n.function_id = f.id) DESC, ${prefix}f.name`;
  if (query.sort === "changed") return Prisma.sql`ORDER BY f.updated_at DESC, f.name`;
  return Prisma.sql`ORDER BY ${prefix}f.name`;
}

/** The ids of one catalog page, in the catalog's order. */
export function catalogIdsSql(query: CatalogQuery): Prisma.Sql {
  return Prisma.sql`SELECT f.id ${FROM} WHERE ${conditions(query)} ${order(query)}
    LIMIT ${CATALOG_PAGE_SIZE} OFFSET ${(query.page - 1) * CATALOG_PAGE_SIZE}`;
}

/** How many functions match the catalog's filters (a row with `n`). */
export function catalogCountSql(query: CatalogQuery): Prisma.Sql {
  return Prisma.sql`SELECT count(*) AS n ${FROM} WHERE ${conditions(query)}`;
}

/** A count as PostgreSQL returns it: a bigint through Prisma, a string through pg. */
export type Count = bigint | string;

/** One page of the catalog for the given filters, with the total count. */
export async function listFunctions(query: CatalogQuery, client: DbClient = db) {
  const [ids, counted] = await Promise.all([
    client.$queryRaw<{ id: number }[]>(catalogIdsSql(query)),
    client.$queryRaw<{ n: Count }[]>(catalogCountSql(query)),
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
      page: { select: { currentRevisionId: true, agreedRevisionId: true } },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, { ...r, changesPending: hasPendingChanges(r.status, r.page) }]));
  const total = Number(counted[0]?.n ?? 0);
  return { total, rows: ids.map((r) => byId.get(r.id)!), pageCount: Math.max(1, Math.ceil(total / CATALOG_PAGE_SIZE)) };
}

export type FacetName =
  "status" | "as" | "posix" | "project" | "priority" | "kind" | "estimate" | "disagrees" | "reach";
export type Facets = Record<FacetName, Record<string, number>>;
export type FacetCountRow = { key: string | null; n: Count };

/** For every facet, the statement that counts the functions behind each of its options (rows of key and n). */
export function catalogFacetQueries(query: CatalogQuery): Record<FacetName, Prisma.Sql> {
  const needJoinFilter = (q: Pick<CatalogQuery, "project" | "priority">) => {
    const c = needCondition(q, Prisma.sql`n`);
    return c.length ? Prisma.sql`AND ${Prisma.join(c, " AND ")}` : Prisma.empty;
  };
  const needJoin = (q: Pick<CatalogQuery, "project" | "priority">) =>
    Prisma.sql`JOIN needs n ON n.function_id = f.id ${needJoinFilter(q)}`;
  const asKey = Prisma.sql`CASE WHEN g.id IS NULL THEN 'undocumented'
    WHEN g."as" = 'Safe' THEN 'safe' ELSE 'unsafe' END`;
  return {
    status: Prisma.sql`SELECT f.status::text AS key, count(*) AS n ${FROM}
      WHERE ${conditions(query, "status")} GROUP BY 1`,
    as: Prisma.sql`SELECT ${asKey} AS key, count(*) AS n
      ${FROM} WHERE ${conditions(query, "as")} GROUP BY 1`,
    posix: Prisma.sql`SELECT CASE WHEN p.id IS NULL THEN 'not-listed' ELSE p.status::text END AS key, count(*) AS n
      ${FROM} WHERE ${conditions(query, "posix")} GROUP BY 1`,
    project: Prisma.sql`SELECT pr.slug AS key, count(DISTINCT f.id) AS n ${FROM}
      ${needJoin({ priority: query.priority })} JOIN projects pr ON pr.id = n.project_id
      WHERE ${conditions(query, "need")} GROUP BY 1`,
    priority: Prisma.sql`SELECT n.priority::text AS key, count(DISTINCT f.id) AS n ${FROM}
      ${needJoin({ project: query.project })}
      WHERE ${conditions(query, "need")} GROUP BY 1`,
    kind: Prisma.sql`SELECT COALESCE(e.kind, 'none') AS key, count(*) AS n ${FROM}
      WHERE ${conditions(query, "kind")} GROUP BY 1`,
    estimate: Prisma.sql`SELECT COALESCE(f.estimate_as_safety, 'none') AS key, count(*) AS n ${FROM}
      WHERE ${conditions(query, "estimate")} GROUP BY 1`,
    disagrees: Prisma.sql`SELECT '1' AS key, count(*) AS n ${FROM}
      WHERE ${conditions(query, "disagrees")} AND ${DISAGREES}`,
    reach: Prisma.sql`SELECT key, count(*) AS n FROM (SELECT ${REACH_KEYS} AS key ${FROM}
      WHERE ${conditions(query, "reach")}) keys WHERE key IS NOT NULL GROUP BY 1`,
  };
}

/** A facet's rows as counts by option. */
export const facetCounts = (rows: FacetCountRow[]): Record<string, number> =>
  Object.fromEntries(rows.map((r) => [r.key ?? "", Number(r.n)]));

/** For every filter option, how many functions match it together with the other filters. */
export async function catalogFacets(query: CatalogQuery, client: DbClient = db): Promise<Facets> {
  const statements = Object.entries(catalogFacetQueries(query));
  const counted = await Promise.all(statements.map(([, sql]) => client.$queryRaw<FacetCountRow[]>(sql)));
  return Object.fromEntries(statements.map(([name], i) => [name, facetCounts(counted[i]!)])) as Facets;
}

/** Ids of the functions that match the catalog's filters, by name, after `after` (keyset pagination). */
export function functionIdsByNameSql(query: CatalogQuery, options: { after: string | null; limit: number }) {
  const after = options.after === null ? Prisma.empty : Prisma.sql`AND f.name > ${options.after}`;
  return Prisma.sql`SELECT f.id ${FROM} WHERE ${conditions(query)} ${after} ORDER BY f.name LIMIT ${options.limit}`;
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
  const rows = await client.$queryRaw<{ id: number }[]>(functionIdsByNameSql(query, options));
  return rows.map((row) => row.id);
}
