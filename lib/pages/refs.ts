import { db, type DbClient } from "@/lib/db";
import type { PageKind } from "@/lib/generated/prisma/client";

/** A versioned page as the UI addresses it. */
export interface PageRef {
  pageId: number;
  kind: PageKind;
  /** "setgroups" or "linted's needs list" */
  title: string;
  /** "/functions/setgroups" or "/projects/linted" */
  basePath: string;
  functionId: number | null;
  functionName: string | null;
  projectId: number | null;
  projectSlug: string | null;
  projectName: string | null;
  currentRevisionId: number | null;
  agreedRevisionId: number | null;
}

export async function functionPageRef(name: string, client: DbClient = db): Promise<PageRef | null> {
  const fn = await client.function.findUnique({ where: { name }, include: { page: true } });
  if (!fn?.page) return null;
  return {
    pageId: fn.page.id,
    kind: "proposal",
    title: fn.name,
    basePath: `/functions/${encodeURIComponent(fn.name)}`,
    functionId: fn.id,
    functionName: fn.name,
    projectId: null,
    projectSlug: null,
    projectName: null,
    currentRevisionId: fn.page.currentRevisionId,
    agreedRevisionId: fn.page.agreedRevisionId,
  };
}

export async function projectPageRef(slug: string, client: DbClient = db): Promise<PageRef | null> {
  const project = await client.project.findUnique({ where: { slug }, include: { page: true } });
  if (!project?.page) return null;
  return {
    pageId: project.page.id,
    kind: "needs",
    title: `${project.name}'s needs list`,
    basePath: `/projects/${project.slug}`,
    functionId: null,
    functionName: null,
    projectId: project.id,
    projectSlug: project.slug,
    projectName: project.name,
    currentRevisionId: project.page.currentRevisionId,
    agreedRevisionId: project.page.agreedRevisionId,
  };
}

/** Where a page lives in the UI, from its database ids. */
export async function pageRefById(pageId: number, client: DbClient = db): Promise<PageRef | null> {
  const page = await client.page.findUnique({ where: { id: pageId }, include: { function: true, project: true } });
  if (!page) return null;
  if (page.function) return functionPageRef(page.function.name, client);
  if (page.project) return projectPageRef(page.project.slug, client);
  return null;
}
