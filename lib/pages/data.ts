import { db, type DbClient } from "@/lib/db";

/** The number of a page's current revision, 0 for a page without revisions. */
export async function currentRevisionNumber(currentRevisionId: number | null, client: DbClient = db): Promise<number> {
  if (currentRevisionId === null) return 0;
  const current = await client.revision.findUniqueOrThrow({
    where: { id: currentRevisionId },
    select: { number: true },
  });
  return current.number;
}
