import { db, type DbClient } from "@/lib/db";

export async function listUsersForAdmin(client: DbClient = db) {
  return client.user.findMany({
    where: { passwordHash: { not: null } },
    orderBy: [{ role: "desc" }, { email: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabled: true,
      createdAt: true,
      projects: { select: { projectId: true } },
    },
  });
}
