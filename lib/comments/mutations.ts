import { db, type DbClient } from "@/lib/db";
import type { CommentInput } from "@/lib/comments/schema";

export class CommentError extends Error {}

/** Adds a comment; a reply must answer a comment on the same page. */
export async function addComment(input: CommentInput, authorId: number, client: DbClient = db) {
  const page = await client.page.findUnique({ where: { id: input.pageId }, select: { id: true } });
  if (!page) throw new CommentError("That page does not exist.");
  if (input.parentId !== null) {
    const parent = await client.comment.findUnique({ where: { id: input.parentId }, select: { pageId: true } });
    if (!parent || parent.pageId !== input.pageId)
      throw new CommentError("The comment you replied to is not on this page.");
  }
  return client.comment.create({
    data: { pageId: input.pageId, parentId: input.parentId, authorId, body: input.body },
  });
}
