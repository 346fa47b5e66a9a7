"use server";

import "@/lib/server/page-hooks";
import { ActionError, safeAction, safeCall } from "@/lib/server/actions/safe-action";
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

/** Reads names out of pasted text for the needs editor to preview; writes nothing. */
export const previewPasteAction = safeCall(
  {
    schema: pastePreviewSchema,
    permission: (input) => ({ action: "needs.edit", projectId: input.projectId }),
    rateLimitPerMinute: 30,
  },
  async (input): Promise<PastePreview> => {
    const names = extractNames(input.text);
    const unknown = await unknownNames(names.map((n) => n.function));
    const unknownSet = new Set(unknown.map((u) => u.name));
    return { rows: names.filter((n) => !unknownSet.has(n.function)), unknown };
  },
  (message): PastePreview => ({ rows: [], unknown: [], error: message }),
);
