import type { ExportEntry, ExportNeed } from "@/lib/export/markdown";
import { byCodeUnits } from "@/lib/export/group";
import { inline } from "@/lib/export/wrap";
import type { PriorityName, ProposalFields } from "@/lib/pages/fields";
import { posixSince } from "@/lib/reference/links";

// How the export words one function's facts: its estimate, POSIX status,
// the projects that asked, and the permalink of the revision shown.

const PRIORITY_RANK: Record<PriorityName, number> = { required: 0, convenient: 1, "can-work-around": 2 };

export function permalink(origin: string, name: string, revisionNumber: number): string {
  return `${origin.replace(/\/+$/, "")}/functions/${encodeURIComponent(name)}/revisions/${revisionNumber}`;
}

export function formatEstimate(fields: ProposalFields): string {
  const kind = fields.implementationKind === "unknown" ? "implementation unknown" : fields.implementationKind;
  const note = inline(fields.implementationNote);
  const as = fields.asSafety === "unknown" ? "AS-safety unknown" : fields.asSafety;
  return `${kind}${note ? ` (${note})` : ""}; ${as}`;
}

export function formatPosix(posix: ExportEntry["posix"]): string {
  if (!posix) return "not in the async-signal-safe list";
  if (posix.status === "listed")
    return posix.note
      ? `async-signal-safe (${inline(posixSince(posix.note))})`
      : `async-signal-safe ${posixSince(posix.note)}`;
  return `removed from the async-signal-safe list${posix.note ? ` (${inline(posix.note)})` : ""}`;
}

export function formatNeeds(needs: ExportNeed[]): string {
  if (needs.length === 0) return "no project has listed it";
  return sortNeeds(needs)
    .map((n) => `${inline(n.projectName)} (${n.priority})`)
    .join(", ");
}

function sortNeeds(needs: ExportNeed[]): ExportNeed[] {
  return [...needs].sort(
    (a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || byCodeUnits(a.projectSlug, b.projectSlug),
  );
}
