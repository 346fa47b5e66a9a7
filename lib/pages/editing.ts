import type { FormState } from "@/lib/server/actions/state";
import { db, type DbClient } from "@/lib/db";
import { diffFields, diffText } from "@/lib/pages/diff";
import {
  EditConflictError,
  parseFields,
  saveRevision,
  type SaveRevisionInput,
  type SavedRevision,
} from "@/lib/pages/revisions";

type EditOutcome = { saved: SavedRevision } | { conflict: FormState & { status: "conflict" } };

/**
 * Saves an edit; on a real conflict returns what the other person changed
 * (from the editor's base to the page's current revision) so the form can
 * show it while keeping the editor's own text.
 */
export async function saveEdit(input: SaveRevisionInput, client: DbClient = db): Promise<EditOutcome> {
  try {
    return { saved: await saveRevision(input, client) };
  } catch (error) {
    if (!(error instanceof EditConflictError) || error.currentRevisionId === null) throw error;
    const page = await client.page.findUniqueOrThrow({ where: { id: input.pageId } });
    const current = await client.revision.findUniqueOrThrow({
      where: { id: error.currentRevisionId },
      include: { author: { select: { name: true } } },
    });
    const base =
      error.baseRevisionId === null ? null : await client.revision.findUnique({ where: { id: error.baseRevisionId } });
    return {
      conflict: {
        status: "conflict",
        message: `Edit conflict: revision ${current.number} by ${current.author.name} was saved while you were editing, and it changes the same ${error.conflicts.join(", ")}. Nothing was saved. Your version is still in the form; compare it with their change below, adjust it, and save again.`,
        conflicts: error.conflicts,
        baseRevisionId: current.id,
        theirs: {
          number: current.number,
          author: current.author.name,
          summary: current.summary,
          text: diffText(base?.text ?? "", current.text),
          fields: diffFields(
            page.kind,
            base ? parseFields(page.kind, base.fields) : null,
            parseFields(page.kind, current.fields),
          ),
        },
      },
    };
  }
}
