import { audit } from "@/lib/audit/log";
import { db, type DbClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { ensureNeedsPage } from "@/lib/pages/revisions";
import type { ProjectForm } from "@/lib/projects/schema-admin";

export class ProjectSlugTaken extends Error {
  constructor(slug: string) {
    super(`A project with the slug ${slug} already exists.`);
  }
}

/** Creates or updates a project (admins); every change is audited. */
export async function saveProject(actorId: number, form: ProjectForm, client: DbClient = db) {
  const data = {
    slug: form.slug,
    name: form.name,
    homepage: form.homepage,
    description: form.description,
    caveats: form.caveats,
  };
  try {
    const project =
      form.id === null
        ? await client.project.create({ data })
        : await client.project.update({ where: { id: form.id }, data });
    await ensureNeedsPage(client, project.id);
    await audit(client, {
      actorId,
      action: form.id === null ? "project.create" : "project.update",
      targetType: "project",
      targetId: project.id,
      details: data,
    });
    return project;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new ProjectSlugTaken(form.slug);
    throw error;
  }
}
