import type { FunctionStatus } from "@/lib/generated/prisma/client";

/** Statuses as users and URLs spell them. */
export const STATUS_NAMES = ["unrequested", "proposed", "in-review", "agreed", "rejected", "withdrawn"] as const;
export type StatusName = (typeof STATUS_NAMES)[number];

export function statusName(status: FunctionStatus): StatusName {
  return status === "in_review" ? "in-review" : status;
}
