import { db, inTransaction, type DbClient } from "@/lib/db";
import type { CommentInput } from "@/lib/comments/schema";
import { mailComment } from "@/lib/mail/comment-events";
import { autoWatch } from "@/lib/watch/auto";

export class CommentError extends Error {}

/** Adds a comment; a reply must answer a comment on the same page. Its mails and auto-watch commit with it. */
export async function addComment(input: CommentInput, authorId: number, client: DbClient = db) {
  return inTransaction(client, async (tx) => {
    const page = await tx.page.findUnique({ where: { id: input.pageId }, select: { id: true } });
    if (!page) throw new CommentError("That page does not exist.");
    if (input.parentId !== null) {
      const parent = await tx.comment.findUnique({ where: { id: input.parentId }, select: { pageId: true } });
      if (!parent || parent.pageId !== input.pageId)
        throw new CommentError("The comment you replied to is not on this page.");
    }
    const comment = await tx.comment.create({
      data: { pageId: input.pageId, parentId: input.parentId, authorId, body: input.body },
    });
    await autoWatch(tx, authorId, comment.pageId);
    await mailComment(tx, comment);
    return comment;
  });
}
