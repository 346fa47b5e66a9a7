"use server";

import { redirect } from "next/navigation";
import { ActionError, safeAction } from "@/lib/actions/safe-action";
import { db } from "@/lib/db";
import { saveEdit } from "@/lib/pages/editing";
import { ensureNeedsPage } from "@/lib/pages/revisions";
import { saveNeedsSchema } from "@/lib/projects/schema";

export const saveNeedsAction = safeAction(
  { schema: saveNeedsSchema, permission: (input) => ({ action: "needs.edit", projectId: input.projectId }), rateLimitPerMinute: 30 },
  async (input, actor) => {
    const project = await db.project.findUnique({ where: { id: input.projectId } });
    if (!project) throw new ActionError("That project no longer exists.");
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
