import type { Tx } from "@/lib/db";
import { onRevision } from "@/lib/pages/listeners";

/**
 * Watches a page for someone who just edited, commented on or voted on it, unless they turned auto-watch off
 * in /settings/notifications (no settings row: on). Runs in the transaction of what they did.
 */
export async function autoWatch(tx: Tx, userId: number, pageId: number): Promise<void> {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { disabled: true, mailPreference: { select: { autoWatch: true } } },
  });
  // A disabled account (the seed's system author among them) watches nothing.
  if (!user || user.disabled || user.mailPreference?.autoWatch === false) return;
  await tx.watch.upsert({ where: { userId_pageId: { userId, pageId } }, create: { userId, pageId }, update: {} });
}

onRevision((tx, page, revision) => autoWatch(tx, revision.authorId, page.id));
