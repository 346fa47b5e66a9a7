import type { Tx } from "@/lib/db";
import type { Revision } from "@/lib/generated/prisma/client";
import { itemBody, revisionExcerpt } from "@/lib/mail/excerpt";
import { enqueue, maintainerIds, representativeIds, watcherIds } from "@/lib/mail/outbox";
import { onRevision } from "@/lib/pages/listeners";
import { pageRefById } from "@/lib/pages/refs";
import type { LockedPage } from "@/lib/pages/revisions";
import { publicOrigin } from "@/lib/server/http/public-origin";

// A new revision's mails, written in the save's transaction: to the page's watchers; for a proposal that is
// open for review, to the maintainers who vote on it; for a needs list, to its project's representatives.

/** Review is open unless the proposal was rejected or withdrawn (an agreed one has a pending change). */
const AWAITS_VOTES = new Set(["proposed", "in_review", "agreed"]);

/** The diff of one revision against its parent; the first revision is compared with an empty page. */
export function revisionDiffPath(basePath: string, number: number): string {
  return number > 1 ? `${basePath}/diff?from=${number - 1}&to=${number}` : `${basePath}/diff?to=${number}`;
}

async function mailRevision(tx: Tx, page: LockedPage, revision: Revision): Promise<void> {
  const ref = await pageRefById(page.id, tx);
  if (!ref) return;
  const [author, parent] = await Promise.all([
    tx.user.findUniqueOrThrow({ where: { id: revision.authorId }, select: { name: true } }),
    revision.parentId === null
      ? null
      : tx.revision.findUniqueOrThrow({ where: { id: revision.parentId }, select: { text: true, fields: true } }),
  ]);
  const excerpt = revisionExcerpt(page.kind, parent, revision);
  const what = `${author.name} saved revision ${revision.number} of ${ref.nameInProse}.`;
  const body = itemBody(what, revision.summary, excerpt);
  const diffPath = revisionDiffPath(ref.basePath, revision.number);
  const base = { key: `revision:${revision.id}`, actorId: revision.authorId, body };

  // Someone told as a maintainer or a representative gets that mail alone, not a watcher's one besides.
  const told = new Set<number>();
  if (page.kind === "proposal" && page.functionId !== null) {
    const fn = await tx.function.findUniqueOrThrow({ where: { id: page.functionId }, select: { status: true } });
    if (AWAITS_VOTES.has(fn.status)) {
      const subject = `${ref.title} awaits your vote: revision ${revision.number} by ${author.name}`;
      // The mail links to what changed, like every revision's; the vote is one more link away.
      const vote = `\n\nVote on it: ${publicOrigin()}${ref.basePath}/review`;
      const event = { ...base, kind: "review-awaiting" as const, subject, body: body + vote, path: diffPath };
      for (const id of await enqueue(tx, event, await maintainerIds(tx))) told.add(id);
    }
  }
  if (page.kind === "needs" && page.projectId !== null) {
    const subject = `${ref.title} changed: revision ${revision.number} by ${author.name}`;
    const event = { ...base, kind: "needs-changed" as const, subject, path: diffPath };
    for (const id of await enqueue(tx, event, await representativeIds(tx, [page.projectId]))) told.add(id);
  }
  const subject = `${ref.title}: revision ${revision.number} by ${author.name}`;
  const watchers = (await watcherIds(tx, page.id)).filter((id) => !told.has(id));
  await enqueue(tx, { ...base, kind: "page-revision", subject, path: diffPath }, watchers);
}

onRevision(mailRevision);
