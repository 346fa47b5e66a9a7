"use server";

import { revalidatePath } from "next/cache";
import { ActionError, safeAction } from "@/lib/server/actions/safe-action";
import { addComment, CommentError } from "@/lib/comments/mutations";
import { commentSchema } from "@/lib/comments/schema";
import { pageRefById } from "@/lib/pages/refs";

export const addCommentAction = safeAction(
  { schema: commentSchema, permission: () => ({ action: "comment.create" }), rateLimitPerMinute: 20 },
  async (input, actor) => {
    try {
      await addComment(input, actor.id);
    } catch (error) {
      if (error instanceof CommentError) throw new ActionError(error.message);
      throw error;
    }
    const ref = await pageRefById(input.pageId);
    if (ref) revalidatePath(ref.basePath);
    return { status: "ok", message: "Comment posted." };
  },
);
