import type { FunctionStatus } from "@/lib/generated/prisma/client";

/** Statuses as users and URLs spell them. */
export const STATUS_NAMES = ["unrequested", "proposed", "in-review", "agreed", "rejected", "withdrawn"] as const;
export type StatusName = (typeof STATUS_NAMES)[number];

export function statusName(status: FunctionStatus): StatusName {
  return status === "in_review" ? "in-review" : status;
}

/** How an agreed function whose proposal has an unreviewed revision after the agreed one reads. */
export const CHANGES_PENDING = "agreed · changes pending";

/** Whether an agreed function's proposal moved on since the agreed revision (the agreed one still stands). */
export function hasPendingChanges(
  status: FunctionStatus,
  page: { currentRevisionId: number | null; agreedRevisionId: number | null } | null,
): boolean {
  return status === "agreed" && page !== null && page.currentRevisionId !== page.agreedRevisionId;
}

/** The status as people read it: "agreed · changes pending" beside the plain status names. */
export function statusLabel(status: FunctionStatus, pending: boolean): string {
  return pending && status === "agreed" ? CHANGES_PENDING : statusName(status);
}
