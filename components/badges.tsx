import type { FunctionStatus, Priority, Safety } from "@/lib/generated/prisma/client";
import { statusLabel, statusName } from "@/lib/functions/status";
import { PRIORITY_FROM_DB } from "@/lib/projects/needs";

/** The status; an agreed function with an unreviewed later revision reads "agreed · changes pending". */
export function StatusBadge({ status, pending = false }: { status: FunctionStatus; pending?: boolean }) {
  const name = statusName(status);
  return (
    <span className={`badge status-${name}${pending ? " status-pending" : ""}`} data-testid="function-status">
      {statusLabel(status, pending)}
    </span>
  );
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  const name = PRIORITY_FROM_DB[priority];
  return <span className={`badge priority-${name}`}>{name}</span>;
}

export function GlibcAsBadge({ value }: { value: Safety | null | undefined }) {
  if (!value) return <span className="badge unknown">not documented</span>;
  return <span className={`badge ${value === "Safe" ? "safe" : "unsafe"}`}>AS-{value}</span>;
}

export function EstimateBadge({ value }: { value: string | null }) {
  if (!value) return <span className="muted">—</span>;
  const cls = value === "AS-safe" ? "safe" : value === "AS-unsafe" ? "unsafe" : "unknown";
  return <span className={`badge ${cls}`}>{value}</span>;
}
