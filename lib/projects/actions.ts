"use server";

import { redirect } from "next/navigation";
import { ActionError, safeAction } from "@/lib/server/actions/safe-action";
import { db } from "@/lib/db";
import { unknownNames, type UnknownName } from "@/lib/functions/suggest";
import { saveEdit } from "@/lib/pages/editing";
import { ensureNeedsPage } from "@/lib/pages/revisions";
import { extractNames } from "@/lib/projects/paste";
import { pastePreviewSchema, saveNeedsSchema } from "@/lib/projects/schema";

function didYouMean(u: UnknownName): string {
  const hint = u.suggestions.length ? ` Did you mean ${u.suggestions.join(" or ")}?` : "";
  return `${u.name} is not in the catalog.${hint} Keep it to add it as a new function.`;
}

export const saveNeedsAction = safeAction(
  {
    schema: saveNeedsSchema,
    permission: (input) => ({ action: "needs.edit", projectId: input.projectId }),
    rateLimitPerMinute: 30,
  },
  async (input, actor) => {
    const project = await db.project.findUnique({ where: { id: input.projectId } });
    if (!project) throw new ActionError("That project no longer exists.");
    const unknown = (await unknownNames(input.rows.map((r) => r.function))).filter(
      (u) => !input.keepUnknown.includes(u.name),
    );
    if (unknown.length) {
      const fieldErrors: Record<string, string[]> = { unknown: unknown.map((u) => u.name) };
      input.rows.forEach((row, i) => {
        const u = unknown.find((x) => x.name === row.function);
        if (u) fieldErrors[`rows.${i}.function`] = [didYouMean(u)];
      });
      throw new ActionError(
        "Some names are not in the catalog; correct them or keep them as new functions.",
        fieldErrors,
      );
    }
    const page = await ensureNeedsPage(db, project.id);
    const outcome = await saveEdit({
      pageId: page.id,
      baseRevisionId: input.baseRevisionId,
      authorId: actor!.id,
      summary: input.summary,
      text: input.text,
      fields: { rows: input.rows },
    });
    if ("conflict" in outcome) return outcome.conflict;
    redirect(`/projects/${project.slug}${outcome.saved.merged ? "?merged=1" : ""}`);
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
