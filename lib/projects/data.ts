import { db, type DbClient } from "@/lib/db";

export async function listProjects(client: DbClient = db) {
  return client.project.findMany({
    orderBy: { name: "asc" },
    include: { _count: { select: { needs: true, representatives: true } } },
  });
}

/** Every project with the names of its representatives, for the admin page. */
export async function listProjectsForAdmin(client: DbClient = db) {
  return client.project.findMany({
    orderBy: { name: "asc" },
    include: { representatives: { include: { user: { select: { name: true } } } } },
  });
}

/** Everything the project page shows, or null for an unknown slug. */
export async function getProjectPage(slug: string, client: DbClient = db) {
  return client.project.findUnique({
    where: { slug },
    include: {
      representatives: { include: { user: { select: { id: true, name: true, disabled: true } } } },
      page: { include: { currentRevision: { include: { author: { select: { id: true, name: true } } } } } },
      needs: {
        orderBy: { position: "asc" },
        include: {
          function: {
            select: {
              name: true,
              status: true,
              glibcAnnotation: { select: { as: true } },
              posixEntry: { select: { status: true } },
            },
          },
        },
      },
    },
  });
}
