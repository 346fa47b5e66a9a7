import { db, type DbClient } from "@/lib/db";

/** The latest reference imports, newest first, with who ran them. */
export async function listReferenceImports(limit = 50, client: DbClient = db) {
  return client.referenceImport.findMany({
    orderBy: { id: "desc" },
    take: limit,
    include: { importedBy: { select: { name: true } } },
  });
}
