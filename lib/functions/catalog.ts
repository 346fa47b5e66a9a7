import { db, type DbClient } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { CATALOG_PAGE_SIZE, type CatalogQuery } from "@/lib/functions/schema";
import { STATUS_TO_DB } from "@/lib/functions/status";
import { PRIORITY_TO_DB } from "@/lib/projects/needs";

export function catalogWhere(query: CatalogQuery): Prisma.FunctionWhereInput {
  const and: Prisma.FunctionWhereInput[] = [];
  if (query.q) and.push({ name: { contains: query.q, mode: "insensitive" } });
  if (query.status) and.push({ status: STATUS_TO_DB[query.status] });
  if (query.as === "safe") and.push({ glibcAnnotation: { is: { as: "Safe" } } });
  if (query.as === "unsafe") and.push({ glibcAnnotation: { is: { as: "Unsafe" } } });
  if (query.as === "undocumented") and.push({ glibcAnnotationId: null });
  if (query.posix === "listed") and.push({ posixEntry: { is: { status: "listed" } } });
  if (query.posix === "removed") and.push({ posixEntry: { is: { status: "removed" } } });
  if (query.posix === "not-listed") and.push({ posixEntryId: null });
  if (query.project || query.priority) {
    and.push({
      needs: {
        some: {
          ...(query.project ? { project: { slug: query.project } } : {}),
          ...(query.priority ? { priority: PRIORITY_TO_DB[query.priority] } : {}),
        },
      },
    });
  }
  return { AND: and };
}

function catalogOrder(query: CatalogQuery): Prisma.FunctionOrderByWithRelationInput[] {
  if (query.sort === "needed") return [{ needs: { _count: "desc" } }, { name: "asc" }];
  if (query.sort === "changed") return [{ updatedAt: "desc" }, { name: "asc" }];
  return [{ name: "asc" }];
}

/** One page of the catalog for the given filters, with the total count. */
export async function listFunctions(query: CatalogQuery, client: DbClient = db) {
  const where = catalogWhere(query);
  const [total, rows] = await Promise.all([
    client.function.count({ where }),
    client.function.findMany({
      where,
      orderBy: catalogOrder(query),
      skip: (query.page - 1) * CATALOG_PAGE_SIZE,
      take: CATALOG_PAGE_SIZE,
      select: {
        name: true,
        status: true,
        estimateKind: true,
        estimateAsSafety: true,
        updatedAt: true,
        glibcAnnotation: { select: { mt: true, as: true, ac: true } },
        posixEntry: { select: { status: true } },
        needs: { select: { priority: true, project: { select: { slug: true, name: true } } }, orderBy: { project: { name: "asc" } } },
      },
    }),
  ]);
  return { total, rows, pageCount: Math.max(1, Math.ceil(total / CATALOG_PAGE_SIZE)) };
}
