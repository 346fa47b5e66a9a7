import { db, inTransaction, type DbClient } from "@/lib/db";
import { unknownNames, type UnknownName } from "@/lib/functions/suggest";
import type { PageKind, Revision } from "@/lib/generated/prisma/client";
import { diffText, type DiffRow, type FieldsDiff } from "@/lib/pages/diff";
import { diffStoredFields, kindOf, type KindFields } from "@/lib/pages/kinds";
import type { PageDescriptor } from "@/lib/pages/refs";
import { appendRevision, lockPage, mergeOntoCurrent, type LockedPage } from "@/lib/pages/revisions";

// The one way an editor's change becomes a revision, for the edit forms and
// the API alike: each adapter turns its input into a PageEdit and the
// outcome into its own answer (form state, HTTP status).

/** An edit as a person made it, validated and normalised at the boundary (lib/pages/fields.ts schemas). */
export interface PageEdit<K extends PageKind> {
  page: PageDescriptor<K>;
  /** The revision the editor started from; null when the page had none. */
  baseRevisionId: number | null;
  authorId: number;
  summary: string;
  /** Omitted: the base revision's text, unchanged. */
  text?: string;
  fields: KindFields[K];
  /** Names the catalog lacks that the editor chose to add as new functions. */
  keepUnknown?: string[];
}

/** The change someone else saved while the editor was working. */
export interface TheirChange {
  number: number;
  author: string;
  summary: string;
  text: DiffRow[];
  fields: FieldsDiff;
}

export interface EditConflict {
  /** What both sides changed differently: "text", "field asSafety", "the whole page", … */
  conflicts: string[];
  /** The editor's base revision's number; null when the editor saw no revision. */
  baseNumber: number | null;
  /** The revision to base a retry on. */
  currentRevisionId: number;
  theirs: TheirChange;
}

/** What became of an edit; only "saved" wrote anything. */
export type EditOutcome =
  | { status: "saved"; revision: Revision; merged: boolean }
  | { status: "unchanged"; current: { id: number; number: number } }
  | { status: "conflict"; conflict: EditConflict }
  | { status: "foreign-base"; baseRevisionId: number; currentRevisionId: number | null }
  | { status: "unknown-names"; unknown: (UnknownName & { index: number })[] };

/**
 * Saves an edit in one transaction under the page's lock: the base must be a
 * revision of the page, a name the catalog lacks is refused unless kept, an
 * edit that changes nothing writes nothing, and an edit on an older revision
 * is merged with what was saved since or refused as a conflict, described
 * from what the transaction read.
 */
export async function editPage<K extends PageKind>(edit: PageEdit<K>, client: DbClient = db): Promise<EditOutcome> {
  const kind = kindOf(edit.page.kind);
  return inTransaction(client, async (tx): Promise<EditOutcome> => {
    const keep = new Set(edit.keepUnknown ?? []);
    const names = kind.catalogNames(edit.fields);
    const unknown = (await unknownNames(names, tx)).filter((u) => !keep.has(u.name));
    if (unknown.length) {
      return {
        status: "unknown-names",
        unknown: unknown.map((u) => ({ ...u, index: names.indexOf(u.name) })).sort((a, b) => a.index - b.index),
      };
    }
    const { baseRevisionId } = edit;
    if (edit.page.pageId === null && baseRevisionId !== null) {
      return { status: "foreign-base", baseRevisionId, currentRevisionId: null };
    }
    const page = await lockPage(tx, await edit.page.ensurePage(tx));
    if (!isOfKind(page, edit.page.kind))
      throw new Error(`Page ${page.id} is a ${page.kind} page, not ${edit.page.kind}.`);
    const base =
      baseRevisionId === null ? null : await tx.revision.findFirst({ where: { id: baseRevisionId, pageId: page.id } });
    if (baseRevisionId !== null && !base) {
      return { status: "foreign-base", baseRevisionId, currentRevisionId: page.currentRevisionId };
    }
    const ours = { text: edit.text ?? base?.text ?? "", fields: edit.fields };
    const current =
      page.currentRevisionId === null
        ? null
        : await tx.revision.findUniqueOrThrow({
            where: { id: page.currentRevisionId },
            include: { author: { select: { name: true } } },
          });
    const sameAs = (revision: { text: string; fields: unknown } | null) =>
      revision !== null &&
      revision.text === ours.text &&
      JSON.stringify(kind.parseFields(revision.fields)) === JSON.stringify(ours.fields);
    if (current && (sameAs(current) || sameAs(base))) {
      return { status: "unchanged", current: { id: current.id, number: current.number } };
    }
    const result = await mergeOntoCurrent(tx, page, base, ours);
    if (!result.clean) {
      if (!current) throw new Error(`Page ${page.id} conflicts with no current revision.`);
      return { status: "conflict", conflict: describeConflict(page, base, current, result.conflicts) };
    }
    const revision = await appendRevision(tx, page, {
      authorId: edit.authorId,
      summary: edit.summary,
      content: result.content,
    });
    return { status: "saved", revision, merged: result.merged };
  });
}

function isOfKind<K extends PageKind>(page: LockedPage, kind: K): page is LockedPage & { kind: K } {
  return page.kind === kind;
}

/** What the other person changed, from the editor's base to the page's current revision. */
function describeConflict(
  page: LockedPage,
  base: Revision | null,
  current: Revision & { author: { name: string } },
  conflicts: string[],
): EditConflict {
  return {
    conflicts,
    baseNumber: base?.number ?? null,
    currentRevisionId: current.id,
    theirs: {
      number: current.number,
      author: current.author.name,
      summary: current.summary,
      text: diffText(base?.text ?? "", current.text),
      fields: diffStoredFields(page.kind, base, current),
    },
  };
}
