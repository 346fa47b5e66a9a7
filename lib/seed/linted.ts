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
