import type { Tx } from "@/lib/db";
import { deliveriesOf, type MailKind } from "@/lib/mail/kinds";

/** Something that happened, as every recipient's mail describes it. */
export interface MailEvent {
  kind: MailKind;
  /** What happened, unique per kind ("revision:12"); with the recipient it makes the row's unique key. */
  key: string;
  /** Who did it: never mailed about their own change. */
  actorId: number;
  subject: string;
  /** Plain text: who, what, the summary and the excerpt. */
  body: string;
  /** The page's path (the sender prefixes the public origin). */
  path: string;
}

/**
 * Writes one outbox row per recipient for an event, inside the transaction of the change that caused it, so
 * the mail exists exactly when the change does. Only verified, enabled accounts other than the actor receive
 * it, each as their settings say (immediately or in the daily digest; never means no row). A second call for
 * the same event adds nothing (the unique key), which is how "never sent twice" starts. Returns who is mailed.
 */
export async function enqueue(tx: Tx, event: MailEvent, recipientIds: Iterable<number>): Promise<Set<number>> {
  const ids = [...new Set(recipientIds)].filter((id) => id !== event.actorId);
  if (!ids.length) return new Set();
  const users = await tx.user.findMany({
    where: { id: { in: ids }, disabled: false, emailVerifiedAt: { not: null } },
    select: { id: true, mailPreference: { select: { kinds: true } } },
  });
  const rows = users.flatMap((user) => {
    const delivery = deliveriesOf(user.mailPreference?.kinds)[event.kind];
    if (delivery === "never") return [];
    return [
      {
        userId: user.id,
        kind: event.kind,
        eventKey: `${event.kind}:${event.key}`,
        delivery,
        subject: event.subject,
        body: event.body,
        path: event.path,
      },
    ];
  });
  if (rows.length) await tx.notification.createMany({ data: rows, skipDuplicates: true });
  return new Set(rows.map((row) => row.userId));
}

/** Ids of the users who can vote on proposals (maintainers and admins). */
export async function maintainerIds(tx: Tx): Promise<number[]> {
  const rows = await tx.user.findMany({ where: { role: { in: ["maintainer", "admin"] } }, select: { id: true } });
  return rows.map((row) => row.id);
}

/** Ids of the representatives of the given projects. */
export async function representativeIds(tx: Tx, projectIds: number[]): Promise<number[]> {
  if (!projectIds.length) return [];
  const rows = await tx.projectRepresentative.findMany({
    where: { projectId: { in: projectIds } },
    select: { userId: true },
  });
  return rows.map((row) => row.userId);
}

/** Ids of a page's watchers. */
export async function watcherIds(tx: Tx, pageId: number): Promise<number[]> {
  const rows = await tx.watch.findMany({ where: { pageId }, select: { userId: true } });
  return rows.map((row) => row.userId);
}
