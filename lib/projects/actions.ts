"use server";

import "@/lib/server/page-hooks";
import { ActionError, safeAction } from "@/lib/server/actions/safe-action";
import { unknownNames, type UnknownName } from "@/lib/functions/suggest";
import { editPage } from "@/lib/pages/editing";
import { formStateOf } from "@/lib/pages/form-outcome";
import { describeProjectPage } from "@/lib/pages/refs";
import { extractNames } from "@/lib/projects/paste";
import { pastePreviewSchema, saveNeedsSchema } from "@/lib/projects/schema";

export const saveNeedsAction = safeAction(
  {
    schema: saveNeedsSchema,
    permission: (input) => ({ action: "needs.edit", projectId: input.projectId }),
    rateLimitPerMinute: 30,
  },
  async (input, actor) => {
    if (!actor) throw new ActionError("Sign in first.");
    const page = await describeProjectPage({ id: input.projectId });
    if (!page) throw new ActionError("That project no longer exists.");
    const { baseRevisionId, summary, text, rows, keepUnknown } = input;
    const edit = { page, baseRevisionId, authorId: actor.id, summary, text, fields: { rows }, keepUnknown };
    return formStateOf(await editPage(edit), page);
  },
);

export interface PastePreview {
  rows: { function: string; context: string }[];
  unknown: UnknownName[];
  error?: string;
}

/** Reads names out of pasted text for the editor to preview; writes nothing. */
export async function previewPasteAction(text: string, priority: string): Promise<PastePreview> {
  const parsed = pastePreviewSchema.safeParse({ text, priority });
  if (!parsed.success) return { rows: [], unknown: [], error: parsed.error.issues[0]?.message };
  const names = extractNames(parsed.data.text);
  const unknown = await unknownNames(names.map((n) => n.function));
  const unknownSet = new Set(unknown.map((u) => u.name));
  return { rows: names.filter((n) => !unknownSet.has(n.function)), unknown };
}
