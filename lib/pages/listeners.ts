import type { Tx } from "@/lib/db";
import type { Revision } from "@/lib/generated/prisma/client";
import type { LockedPage } from "@/lib/pages/revisions";

/** Runs inside the save's transaction once a new revision of any page is current (mail, auto-watch). */
export type RevisionListener = (tx: Tx, page: LockedPage, revision: Revision) => Promise<void>;

const listeners = new Set<RevisionListener>();

/**
 * Registers a listener of every save (lib/server/page-hooks.ts loads the modules that do). Unlike a kind's
 * after-save step nothing depends on a listener to keep the data whole, so a save with none simply has none.
 */
export function onRevision(listener: RevisionListener): void {
  listeners.add(listener);
}

export async function revisionSaved(tx: Tx, page: LockedPage, revision: Revision): Promise<void> {
  for (const listener of listeners) await listener(tx, page, revision);
}
