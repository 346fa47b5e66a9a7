"use server";

import "@/lib/server/page-hooks";
import { ActionError, safeAction, safeCall } from "@/lib/server/actions/safe-action";
import { listFunctionNames } from "@/lib/functions/data";
import { closeMatches, type UnknownName } from "@/lib/functions/suggest";
import { editPage } from "@/lib/pages/editing";
import { formStateOf } from "@/lib/pages/form-outcome";
import { describeProjectPage } from "@/lib/pages/refs";
import { readPaste } from "@/lib/projects/paste";
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
  /** Names written as functions that the catalog lacks: not added, each with its "did you mean". */
  unknown: UnknownName[];
  /** Words that may be names but were neither catalog names nor written as functions. */
  setAside: UnknownName[];
  /** Lines of the mail that are not its message (reply headers, the signature). */
  leftOut: string[];
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
    const catalog = await listFunctionNames();
    const known = new Set(catalog);
    const reading = readPaste(input.text, (name) => known.has(name));
    const suggest = (name: string): UnknownName => ({ name, suggestions: closeMatches(name, catalog) });
    return {
      rows: reading.names.filter((n) => known.has(n.function)),
      unknown: reading.names.filter((n) => !known.has(n.function)).map((n) => suggest(n.function)),
      setAside: reading.setAside.map(suggest),
      leftOut: reading.leftOut,
    };
  },
  (message): PastePreview => ({ rows: [], unknown: [], setAside: [], leftOut: [], error: message }),
);
