import { db, type DbClient, type Tx } from "@/lib/db";
import type { PageKind, Prisma, Revision } from "@/lib/generated/prisma/client";
import { mergeContent, type PageContent } from "@/lib/pages/merge";
import { needsFieldsSchema, proposalFieldsSchema, type NeedsFields, type ProposalFields } from "@/lib/pages/fields";
import { syncNeeds } from "@/lib/projects/needs";

/** The page moved on since the edit's base revision and the two changes overlap; nothing was saved. */
export class EditConflictError extends Error {
  constructor(
    readonly baseRevisionId: number | null,
    readonly currentRevisionId: number | null,
    /** What both sides changed differently: "text", "field asSafety", "row setgroups: priority", … */
    readonly conflicts: string[],
  ) {
    super(
      `Edit conflict: the page changed since revision ${baseRevisionId ?? "(none)"} (now ${currentRevisionId ?? "(none)"}) in the same places: ${conflicts.join(", ")}.`,
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

export type PageFields = ProposalFields | NeedsFields;

export function parseFields(kind: PageKind, fields: unknown): PageFields {
  return kind === "proposal" ? proposalFieldsSchema.parse(fields) : needsFieldsSchema.parse(fields);
}

export function revisionSize(text: string, fields: unknown): number {
  return Buffer.byteLength(text) + Buffer.byteLength(JSON.stringify(fields));
}

interface LockedPage {
  id: number;
  kind: PageKind;
  function_id: number | null;
  project_id: number | null;
  current_revision_id: number | null;
}

async function lockPage(tx: Tx, pageId: number): Promise<LockedPage> {
  const rows = await tx.$queryRaw<LockedPage[]>`
    SELECT id, kind, function_id, project_id, current_revision_id FROM pages WHERE id = ${pageId} FOR UPDATE`;
  const page = rows[0];
  if (!page) throw new Error(`No page ${pageId}.`);
  return page;
}

export interface SavedRevision {
  revision: Revision;
  /** True when the edit was based on an older revision and merged cleanly with the changes since. */
  merged: boolean;
}

async function loadContent(tx: Tx, kind: PageKind, revisionId: number): Promise<PageContent> {
  const revision = await tx.revision.findUniqueOrThrow({
    where: { id: revisionId },
    select: { text: true, fields: true },
  });
  return { text: revision.text, fields: parseFields(kind, revision.fields) };
}

/**
 * Appends a revision to a page. The page row is locked for the transaction, so
 * concurrent saves are serialised. An edit based on an older revision is
 * merged three-way with what was saved since; if both changed the same thing
 * differently it is refused with EditConflictError and nothing is written.
 * Either way no save is lost silently.
 */
export async function saveRevision(input: SaveRevisionInput, client: DbClient = db): Promise<SavedRevision> {
  const run = async (tx: Tx) => {
    const page = await lockPage(tx, input.pageId);
    let fields = parseFields(page.kind, input.fields);
    let text = input.text.replace(/\r\n?/g, "\n");
    let merged = false;
    if (page.current_revision_id !== input.baseRevisionId) {
      if (input.baseRevisionId === null || page.current_revision_id === null) {
        throw new EditConflictError(input.baseRevisionId, page.current_revision_id, ["the whole page"]);
      }
      const base = await loadContent(tx, page.kind, input.baseRevisionId);
      const theirs = await loadContent(tx, page.kind, page.current_revision_id);
      const result = mergeContent(page.kind, base, { text, fields }, theirs);
      if (!result.clean) throw new EditConflictError(input.baseRevisionId, page.current_revision_id, result.conflicts);
      ({ text, fields } = result.content);
      merged = true;
    }
    const parent =
      page.current_revision_id === null
        ? null
        : await tx.revision.findUniqueOrThrow({
            where: { id: page.current_revision_id },
            select: { id: true, number: true },
          });
    const revision = await tx.revision.create({
      data: {
        pageId: page.id,
        number: parent ? parent.number + 1 : 1,
        parentId: parent?.id ?? null,
        authorId: input.authorId,
        summary: input.summary.trim(),
        text,
        fields: fields as Prisma.InputJsonValue,
        size: revisionSize(text, fields),
        restoredFromId: input.restoredFromId ?? null,
      },
    });
    await tx.page.update({ where: { id: page.id }, data: { currentRevisionId: revision.id } });
    if (page.kind === "proposal" && page.function_id !== null) {
      await applyProposal(tx, page.function_id, fields as ProposalFields);
    } else if (page.kind === "needs" && page.project_id !== null) {
      await syncNeeds(tx, page.project_id, fields as NeedsFields);
    }
    return { revision, merged };
  };
  return "$transaction" in client ? client.$transaction(run) : run(client);
}

async function applyProposal(tx: Tx, functionId: number, fields: ProposalFields): Promise<void> {
  const fn = await tx.function.findUniqueOrThrow({ where: { id: functionId }, select: { status: true } });
  const now = new Date();
  await tx.function.update({
    where: { id: functionId },
    data: {
      estimateKind: fields.implementationKind,
      estimateAsSafety: fields.asSafety,
      updatedAt: now,
      // A first proposal, or a new revision after a rejection or withdrawal, (re)opens review.
      ...(["unrequested", "rejected", "withdrawn"].includes(fn.status)
        ? { status: "proposed", statusChangedAt: now }
        : {}),
    },
  });
}

export async function ensureProposalPage(client: DbClient, functionId: number) {
  return client.page.upsert({
    where: { functionId },
    create: { kind: "proposal", functionId },
    update: {},
  });
}

export async function ensureNeedsPage(client: DbClient, projectId: number) {
  return client.page.upsert({
    where: { projectId },
    create: { kind: "needs", projectId },
    update: {},
  });
}
