import type { Tx } from "@/lib/db";
import { itemBody, textExcerpt } from "@/lib/mail/excerpt";
import { enqueue, watcherIds } from "@/lib/mail/outbox";
import { pageRefById } from "@/lib/pages/refs";

/** Mails a new comment to the page's watchers, in the comment's transaction. */
export async function mailComment(
  tx: Tx,
  comment: { id: number; pageId: number; authorId: number; body: string; parentId: number | null },
): Promise<void> {
  const ref = await pageRefById(comment.pageId, tx);
  if (!ref) return;
  const author = await tx.user.findUniqueOrThrow({ where: { id: comment.authorId }, select: { name: true } });
  const verb = comment.parentId === null ? "commented on" : "replied to a comment on";
  const what = `${author.name} ${verb} ${ref.nameInProse}.`;
  await enqueue(
    tx,
    {
      kind: "page-comment",
      key: `comment:${comment.id}`,
      actorId: comment.authorId,
      subject: `${ref.title}: comment by ${author.name}`,
      body: itemBody(what, null, textExcerpt(comment.body)),
      path: `${ref.basePath}#c${comment.id}`,
    },
    await watcherIds(tx, comment.pageId),
  );
}
