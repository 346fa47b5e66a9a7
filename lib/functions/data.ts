import { db, type DbClient } from "@/lib/db";

/** Everything the function page shows, or null for an unknown name. */
export async function getFunctionPage(name: string, client: DbClient = db) {
  return client.function.findUnique({
    where: { name },
    include: {
      glibcAnnotation: { include: { import: true } },
      posixEntry: { include: { import: true } },
      glibcHistory: { include: { import: true }, orderBy: { id: "desc" } },
      posixHistory: { include: { import: true }, orderBy: { id: "desc" } },
      page: {
        include: {
          currentRevision: { include: { author: { select: { id: true, name: true } } } },
          agreedRevision: { include: { author: { select: { id: true, name: true } } } },
        },
      },
      needs: {
        include: { project: { select: { slug: true, name: true } } },
        orderBy: [{ priority: "asc" }, { project: { name: "asc" } }],
      },
    },
  });
}

export async function siteCounts(client: DbClient = db) {
  const [functions, proposals, agreed, projects, needs, revisions] = await Promise.all([
    client.function.count(),
    client.function.count({ where: { status: { in: ["proposed", "in_review"] } } }),
    client.function.count({ where: { status: "agreed" } }),
    client.project.count(),
    client.need.count(),
    client.revision.count(),
  ]);
  return { functions, proposals, agreed, projects, needs, revisions };
}

/** Every function's name, alphabetically (what a needs list may name). */
export async function listFunctionNames(client: DbClient = db): Promise<string[]> {
  const rows = await client.function.findMany({ select: { name: true }, orderBy: { name: "asc" } });
  return rows.map((f) => f.name);
}

/**
 * Where the header's "Go to function" box leads: an exact catalog name opens its page, anything else the
 * catalog filtered by what was typed.
 */
export async function goToFunctionPath(typed: string, client: DbClient = db): Promise<string> {
  const name = typed.trim().slice(0, 100);
  if (!name) return "/functions";
  const exact = await client.function.count({ where: { name } });
  return exact ? `/functions/${encodeURIComponent(name)}` : `/functions?q=${encodeURIComponent(name)}`;
}
