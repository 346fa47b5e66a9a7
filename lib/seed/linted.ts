import type { NeedRow } from "@/lib/pages/fields";
import { LINTED_2017_SECTIONS } from "@/lib/seed/content";

/** Reads data/needs/linted-2017.txt: names one a line, grouped under `# -- section` comments. */
export function parseLinted2017(text: string): NeedRow[] {
  const rows: NeedRow[] = [];
  let section: { priority: NeedRow["priority"]; context: string } | undefined;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    const header = /^# -- (.+)$/.exec(line);
    if (header) {
      section = LINTED_2017_SECTIONS[header[1]!.trim()];
      continue;
    }
    if (!line || line.startsWith("#") || !section) continue;
    rows.push({ function: line, priority: section.priority, rationale: "", context: section.context });
  }
  return rows;
}

const RANK: Record<NeedRow["priority"], number> = { required: 0, convenient: 1, "can-work-around": 2 };

/**
 * linted's list after reading its 2017 spawn code: the 2014 rows stay (the
 * sandbox setup still needs them); a function the code calls directly is
 * raised to the code's priority with the code's context, and functions the
 * 2014 post did not name are added.
 */
export function withLinted2017(rows2014: NeedRow[], rows2017: NeedRow[]): NeedRow[] {
  const seen = new Map(rows2017.map((r) => [r.function, r]));
  const kept = rows2014.map((row) => {
    const found = seen.get(row.function);
    if (!found) return row;
    const priority = RANK[found.priority] < RANK[row.priority] ? found.priority : row.priority;
    return { ...row, priority, context: [row.context, found.context].filter(Boolean).join("; ") };
  });
  const known = new Set(rows2014.map((r) => r.function));
  return [...kept, ...rows2017.filter((r) => !known.has(r.function))];
}
