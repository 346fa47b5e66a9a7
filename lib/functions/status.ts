import type { FunctionStatus } from "@/lib/generated/prisma/client";

/** Statuses as users and URLs spell them. */
export const STATUS_NAMES = ["unrequested", "proposed", "in-review", "agreed", "rejected", "withdrawn"] as const;
export type StatusName = (typeof STATUS_NAMES)[number];

export const STATUS_TO_DB: Record<StatusName, FunctionStatus> = {
  unrequested: "unrequested",
  proposed: "proposed",
  "in-review": "in_review",
  agreed: "agreed",
  rejected: "rejected",
  withdrawn: "withdrawn",
};

export function statusName(status: FunctionStatus): StatusName {
  return status === "in_review" ? "in-review" : status;
}
