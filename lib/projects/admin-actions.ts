"use server";

import { revalidatePath } from "next/cache";
import { ActionError, safeAction } from "@/lib/server/actions/safe-action";
import { ProjectSlugTaken, saveProject } from "@/lib/projects/mutations";
import { projectFormSchema } from "@/lib/projects/schema-admin";

export const saveProjectAction = safeAction(
  { schema: projectFormSchema, permission: () => ({ action: "projects.manage" }), rateLimitPerMinute: 30 },
  async (input, actor) => {
    try {
      const project = await saveProject(actor.id, input);
      revalidatePath("/admin/projects");
      revalidatePath(`/projects/${project.slug}`);
      return {
        status: "ok",
        message: input.id === null ? `Project ${project.name} created.` : `Project ${project.name} saved.`,
      };
    } catch (error) {
      if (error instanceof ProjectSlugTaken) throw new ActionError(error.message, { slug: [error.message] });
      throw error;
    }
  },
);
