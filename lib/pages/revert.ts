import { db, type DbClient } from "@/lib/db";
import { kindOf } from "@/lib/pages/kinds";
import { mergeContent } from "@/lib/pages/merge";
import { contentOf, saveRevision } from "@/lib/pages/revisions";

export class RevertError extends Error {}

async function currentOf(client: DbClient, pageId: number) {
  const page = await client.page.findUniqueOrThrow({ where: { id: pageId } });
  if (page.currentRevisionId === null) throw new RevertError("The page has no revisions.");
  const current = await client.revision.findUniqueOrThrow({ where: { id: page.currentRevisionId } });
  return { page, current };
}

async function revisionWithAuthor(client: DbClient, pageId: number, number: number) {
  const revision = await client.revision.findUnique({
    where: { pageId_number: { pageId, number } },
    include: { author: { select: { name: true } } },
  });
  if (!revision) throw new RevertError(`There is no revision ${number}.`);
  return revision;
}

/** Makes an old revision's content current again, as a new revision. */
export async function restoreRevision(pageId: number, number: number, authorId: number, client: DbClient = db) {
  const { current } = await currentOf(client, pageId);
  const old = await revisionWithAuthor(client, pageId, number);
  if (old.id === current.id) throw new RevertError("That is already the current revision.");
  return saveRevision(
    {
      pageId,
      baseRevisionId: current.id,
      authorId,
      summary: `Restored revision ${old.number} by ${old.author.name}`,
      text: old.text,
      fields: old.fields,
      restoredFromId: old.id,
    },
    client,
  );
}

/**
 * Reverses one revision's change on top of everything saved since: a
 * three-way merge whose base is that revision and whose other side is its
 * parent. Refused when later edits touched the same places.
 */
export async function undoRevision(pageId: number, number: number, authorId: number, client: DbClient = db) {
  const { page, current } = await currentOf(client, pageId);
  if (number === 1) throw new RevertError("The first revision cannot be undone; edit the page instead.");
  const target = await revisionWithAuthor(client, pageId, number);
  const parent = await revisionWithAuthor(client, pageId, number - 1);
  const content = (revision: { text: string; fields: unknown }) => contentOf(page.kind, revision);
  const result = mergeContent(kindOf(page.kind), content(target), content(parent), content(current));
  if (!result.clean)
    throw new RevertError(
      `Revision ${number} cannot be undone cleanly: later edits changed the same ${result.conflicts.join(", ")}.`,
    );
  return saveRevision(
    {
      pageId,
      baseRevisionId: current.id,
      authorId,
      summary: `Undid revision ${number} by ${target.author.name}`,
      text: result.content.text,
      fields: result.content.fields,
    },
    client,
  );
}
