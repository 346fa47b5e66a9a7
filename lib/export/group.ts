import type { ExportGroup, ExportNeed } from "@/lib/export/markdown";
import { inline } from "@/lib/export/wrap";

// How the export orders and groups its entries: by name in code-unit order
// (the same whatever the server's locale), or under each project that needs them.

export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface Group<T> {
  title: string | null;
  items: T[];
}

const NO_PROJECT = "Not listed by any project";

/** By project (slug order), an item under each project that needs it; items no project needs last. */
function groupByProject<T extends { name: string; needs: ExportNeed[] }>(items: T[]): Group<T>[] {
  const projects = new Map<string, { name: string; items: T[] }>();
  const orphans: T[] = [];
  for (const it of items) {
    if (it.needs.length === 0) orphans.push(it);
    for (const need of it.needs) {
      const group = projects.get(need.projectSlug) ?? { name: need.projectName, items: [] };
      group.items.push(it);
      projects.set(need.projectSlug, group);
    }
  }
  const groups: Group<T>[] = [...projects.entries()]
    .sort(([a], [b]) => byCodeUnits(a, b))
    .map(([, g]) => ({ title: `For ${inline(g.name)}`, items: g.items }));
  if (orphans.length) groups.push({ title: NO_PROJECT, items: orphans });
  return groups;
}

export function grouped<T extends { name: string; needs: ExportNeed[] }>(items: T[], group: ExportGroup): Group<T>[] {
  const sorted = [...items].sort((a, b) => byCodeUnits(a.name, b.name));
  return group === "project" ? groupByProject(sorted) : [{ title: null, items: sorted }];
}
