import type { PageKind } from "@/lib/generated/prisma/client";
import { diffText, type FieldsDiff, type Segment } from "@/lib/pages/diff";
import { diffStoredFields } from "@/lib/pages/kinds";

/** How much of a change or a comment a mail quotes: enough to decide whether to open the page. */
const MAX_LINES = 8;
const MAX_LINE = 160;

const clip = (line: string) => (line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line);
const joined = (segments: Segment[]) => segments.map((s) => s.text).join("");

function fieldLines(diff: FieldsDiff): string[] {
  if (diff.kind === "proposal") return diff.changes.map((c) => `${c.field}: ${c.from || "(empty)"} → ${c.to}`);
  const { needs } = diff;
  return [
    ...needs.added.map((row) => `+ ${row.function} (${row.priority})`),
    ...needs.removed.map((row) => `- ${row.function}`),
    ...needs.changed.map((row) => `${row.function}: ${row.changes.map((c) => `${c.field} → ${c.to}`).join(", ")}`),
  ];
}

/** The first lines of a revision's change: its fields, then its text as "- old" / "+ new" lines. */
export function revisionExcerpt(
  kind: PageKind,
  before: { text: string; fields: unknown } | null,
  after: { text: string; fields: unknown },
): string[] {
  const textLines = diffText(before?.text ?? "", after.text).flatMap((row) => {
    if (row.kind !== "change") return [];
    return [...(row.old ? [`- ${joined(row.old)}`] : []), ...(row.new ? [`+ ${joined(row.new)}`] : [])];
  });
  const lines = [...fieldLines(diffStoredFields(kind, before, after)), ...textLines];
  const shown = lines.slice(0, MAX_LINES).map(clip);
  if (lines.length > MAX_LINES) shown.push(`… and ${lines.length - MAX_LINES} more changed lines`);
  return shown;
}

/** The first lines of a comment. */
export function textExcerpt(text: string): string[] {
  const lines = text.trim().split(/\r?\n/);
  const shown = lines.slice(0, MAX_LINES).map(clip);
  if (lines.length > MAX_LINES) shown.push("…");
  return shown;
}

/** An item's plain text: what happened, the summary when there is one, the excerpt indented. */
export function itemBody(what: string, summary: string | null, excerpt: string[]): string {
  const parts = [what];
  if (summary) parts.push(`Summary: ${summary}`);
  if (excerpt.length) parts.push(excerpt.map((line) => `    ${line}`).join("\n"));
  return parts.join("\n\n");
}
