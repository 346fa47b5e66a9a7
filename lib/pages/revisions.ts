import { db, inTransaction, type DbClient, type Tx } from "@/lib/db";
import type { PageKind, Prisma, Revision } from "@/lib/generated/prisma/client";
import { revisionTextSchema, summarySchema } from "@/lib/pages/fields";
import { kindOf, type KindFields } from "@/lib/pages/kinds";
import { revisionSaved } from "@/lib/pages/listeners";
import { mergeContent, type PageContent } from "@/lib/pages/merge";

/** The page moved on since the edit's base revision and the two changes overlap; nothing was saved. */
export class EditConflictError extends Error {
  constructor(
    readonly baseRevisionId: number | null,
    readonly currentRevisionId: number | null,
    /** What both sides changed differently: "text", "field asSafety", "row setgroups: priority", … */
    readonly conflicts: string[],
  ) {
    super(
      `Edit conflict: the page changed since revision ${baseRevisionId ?? "(none)"} ` +
        `(now ${currentRevisionId ?? "(none)"}) in the same places: ${conflicts.join(", ")}.`,
    );
  }
}

export interface SaveRevisionInput {
  pageId: number;
  /** The revision the edit was based on; null only when the page has none yet. */
  baseRevisionId: number | null;
  authorId: number;
  summary: string;
  text: string;
  fields: unknown;
  restoredFromId?: number;
}

export function revisionSize(text: string, fields: unknown): number {
  return Buffer.byteLength(text) + Buffer.byteLength(JSON.stringify(fields));
}

export interface LockedPage {
  id: number;
  kind: PageKind;
  functionId: number | null;
  projectId: number | null;
  currentRevisionId: number | null;
}

/** Locks a page's row for the transaction, so that saves of one page are serialised. */
export async function lockPage(tx: Tx, pageId: number): Promise<LockedPage> {
  const rows = await tx.$queryRaw<
    { id: number; kind: PageKind; function_id: number | null; project_id: number | null; current: number | null }[]
  >`
    SELECT id, kind, function_id, project_id, current_revision_id AS current
    FROM pages WHERE id = ${pageId} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new Error(`No page ${pageId}.`);
  return {
    id: row.id,
    kind: row.kind,
    functionId: row.function_id,
    projectId: row.project_id,
    currentRevisionId: row.current,
  };
}

/** A revision's content, with its fields read by its page's kind. */
export function contentOf<K extends PageKind>(
  kind: K,
  revision: { text: string; fields: unknown },
): PageContent<KindFields[K]> {
  return { text: revision.text, fields: kindOf(kind).parseFields(revision.fields) };
}

export type MergeOntoCurrent<F> =
  { clean: true; content: PageContent<F>; merged: boolean } | { clean: false; conflicts: string[] };

/**
 * An edit based on `base` as it would land on the locked page: unchanged when
 * the page is still at its base, merged three-way with what was saved since
 * otherwise, or the places where both changed the same thing differently.
 */
export async function mergeOntoCurrent<K extends PageKind>(
  tx: Tx,
  page: LockedPage & { kind: K },
  base: { id: number; text: string; fields: unknown } | null,
  ours: PageContent<KindFields[K]>,
): Promise<MergeOntoCurrent<KindFields[K]>> {
  if (page.currentRevisionId === (base?.id ?? null)) return { clean: true, content: ours, merged: false };
  if (base === null || page.currentRevisionId === null) return { clean: false, conflicts: ["the whole page"] };
  const theirs = await tx.revision.findUniqueOrThrow({ where: { id: page.currentRevisionId } });
  const result = mergeContent(kindOf(page.kind), contentOf(page.kind, base), ours, contentOf(page.kind, theirs));
  return result.clean ? { ...result, merged: true } : result;
}

export interface SavedRevision {
  revision: Revision;
  /** True when the edit was based on an older revision and merged cleanly with the changes since. */
  merged: boolean;
}

/**
 * Writes the next revision of the locked page and runs its kind's after-save step and the listeners of every
 * save (lib/pages/listeners.ts), in the same transaction.
 */
export async function appendRevision<K extends PageKind>(
  tx: Tx,
  page: LockedPage & { kind: K },
  draft: { authorId: number; summary: string; content: PageContent<KindFields[K]>; restoredFromId?: number },
): Promise<Revision> {
  const { text, fields } = draft.content;
  const parent =
    page.currentRevisionId === null
      ? null
      : await tx.revision.findUniqueOrThrow({
          where: { id: page.currentRevisionId },
          select: { id: true, number: true },
        });
  const revision = await tx.revision.create({
    data: {
      pageId: page.id,
      number: parent ? parent.number + 1 : 1,
      parentId: parent?.id ?? null,
      authorId: draft.authorId,
      summary: draft.summary,
      text,
      fields: fields satisfies Prisma.InputJsonValue,
      size: revisionSize(text, fields),
      restoredFromId: draft.restoredFromId ?? null,
    },
  });
  await tx.page.update({ where: { id: page.id }, data: { currentRevisionId: revision.id } });
  await kindOf(page.kind).afterSave(tx, page, fields);
  await revisionSaved(tx, page, revision);
  return revision;
}

/**
 * Appends a revision to a page, for callers that hold raw content (the seed,
 * importers, restore and undo); forms and the API go through editPage in
 * lib/pages/editing.ts. An edit based on an older revision is merged
 * three-way with what was saved since; if both changed the same thing
 * differently it is refused with EditConflictError and nothing is written.
 */
export async function saveRevision(input: SaveRevisionInput, client: DbClient = db): Promise<SavedRevision> {
  return inTransaction(client, async (tx) => {
    const page = await lockPage(tx, input.pageId);
    const base =
      input.baseRevisionId === null
        ? null
        : await tx.revision.findFirst({ where: { id: input.baseRevisionId, pageId: page.id } });
    if (input.baseRevisionId !== null && !base) {
      throw new Error(`Revision ${input.baseRevisionId} is not a revision of page ${page.id}.`);
    }
    const ours = contentOf(page.kind, { text: revisionTextSchema.parse(input.text), fields: input.fields });
    const result = await mergeOntoCurrent(tx, page, base, ours);
    if (!result.clean) throw new EditConflictError(input.baseRevisionId, page.currentRevisionId, result.conflicts);
    const revision = await appendRevision(tx, page, {
      authorId: input.authorId,
      summary: summarySchema.parse(input.summary),
      content: result.content,
      restoredFromId: input.restoredFromId,
    });
    return { revision, merged: result.merged };
  });
}

export async function ensureProposalPage(client: DbClient, functionId: number) {
  return client.page.upsert({ where: { functionId }, create: { kind: "proposal", functionId }, update: {} });
}

export async function ensureNeedsPage(client: DbClient, projectId: number) {
  return client.page.upsert({ where: { projectId }, create: { kind: "needs", projectId }, update: {} });
}
