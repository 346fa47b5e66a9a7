import { db, type DbClient } from "@/lib/db";
import { revisionTextDiff } from "@/lib/pages/diff-cache";
import { diffStoredFields } from "@/lib/pages/kinds";
import type { ExistingPage } from "@/lib/pages/refs";

export const HISTORY_PAGE_SIZE = 50;

const author = { select: { id: true, name: true } } as const;

/**
 * One page of a page's history, newest first, with each revision's size
 * change. `before` is a revision number: the page starts below it.
 */
export async function listRevisions(
  pageId: number,
  options: { before?: number; limit?: number } = {},
  client: DbClient = db,
) {
  const limit = options.limit ?? HISTORY_PAGE_SIZE;
  const rows = await client.revision.findMany({
    where: { pageId, ...(options.before ? { number: { lt: options.before } } : {}) },
    orderBy: { number: "desc" },
    take: limit + 1,
    select: { id: true, number: true, summary: true, size: true, createdAt: true, author, restoredFromId: true },
  });
  const page = rows.slice(0, limit);
  const older = rows[limit];
  const parentSize = older?.number === (page.at(-1)?.number ?? 0) - 1 ? older?.size : undefined;
  const revisions = page.map((revision, i) => {
    const previous = page[i + 1]?.size ?? (revision.number === 1 ? 0 : parentSize);
    return { ...revision, sizeChange: previous === undefined ? null : revision.size - previous };
  });
  return { revisions, nextBefore: older ? page.at(-1)!.number : null, newer: await newerPage(pageId, options, client) };
}

/**
 * Where the page of newer revisions starts, for a history page that begins below `before` (null: there is
 * none). Numbers run 1, 2, … without gaps, so it begins `limit` above this one, or is the newest page.
 */
async function newerPage(
  pageId: number,
  { before, limit = HISTORY_PAGE_SIZE }: { before?: number; limit?: number },
  client: DbClient,
): Promise<{ before: number | null } | null> {
  if (!before) return null;
  const newest = (await client.revision.aggregate({ where: { pageId }, _max: { number: true } }))._max.number ?? 0;
  if (before > newest) return null;
  return { before: before + limit <= newest ? before + limit : null };
}

export async function getRevision(pageId: number, number: number, client: DbClient = db) {
  return client.revision.findUnique({ where: { pageId_number: { pageId, number } }, include: { author } });
}

export type LoadedRevision = NonNullable<Awaited<ReturnType<typeof getRevision>>>;

/**
 * Compares two revisions of a page (either order; the older is shown as
 * "from"). `from` may be null to compare against an empty page.
 */
export async function compareRevisions(
  ref: ExistingPage,
  fromNumber: number | null,
  toNumber: number,
  client: DbClient = db,
  options: { expand?: boolean } = {},
) {
  const [a, b] = fromNumber !== null && fromNumber > toNumber ? [toNumber, fromNumber] : [fromNumber, toNumber];
  const [from, to] = await Promise.all([
    a === null ? null : getRevision(ref.pageId, a, client),
    getRevision(ref.pageId, b, client),
  ]);
  if (!to || (a !== null && !from)) return null;
  // Counted in the database: a diff across 100,000 revisions must not load them.
  const [between] = from
    ? await client.$queryRaw<{ revisions: number; users: number }[]>`
        SELECT count(*)::int AS revisions, count(DISTINCT author_id)::int AS users
          FROM revisions WHERE page_id = ${ref.pageId} AND number > ${from.number} AND number < ${to.number}`
    : [{ revisions: 0, users: 0 }];
  return {
    from,
    to,
    text: revisionTextDiff(from, to, { collapse: !options.expand }),
    fields: diffStoredFields(ref.kind, from, to),
    intermediate: { revisions: between?.revisions ?? 0, users: between?.users ?? 0 },
  };
}

export type Comparison = NonNullable<Awaited<ReturnType<typeof compareRevisions>>>;
