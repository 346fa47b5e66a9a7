import type { Permission } from "@/lib/auth/permissions";
import { db, type DbClient } from "@/lib/db";
import type { PageKind } from "@/lib/generated/prisma/client";
import { editPermissionOf, kindOf } from "@/lib/pages/kinds";
import type { PageAddress } from "@/lib/pages/kinds/types";
import { ensureNeedsPage, ensureProposalPage } from "@/lib/pages/revisions";

/** A versioned page as the site and the API address it: a function's proposal or a project's needs list. */
export interface PageDescriptor<K extends PageKind = PageKind> extends PageAddress {
  kind: K;
  /** Null while the page has never been created (nobody has written a revision or opened it). */
  pageId: number | null;
  functionId: number | null;
  functionName: string | null;
  projectId: number | null;
  projectSlug: string | null;
  projectName: string | null;
  currentRevisionId: number | null;
  agreedRevisionId: number | null;
  /** The page's id, creating its row first if it has never been created. */
  ensurePage: (client?: DbClient) => Promise<number>;
}

/** A page whose row exists, as history, diffs and revisions need. */
export type ExistingPage<K extends PageKind = PageKind> = PageDescriptor<K> & { pageId: number };

function existing<K extends PageKind>(page: PageDescriptor<K> | null): ExistingPage<K> | null {
  return page?.pageId == null ? null : { ...page, pageId: page.pageId };
}

/** A function's proposal page, whether or not it exists yet; null when the catalog has no such function. */
export async function describeFunctionPage(
  name: string,
  client: DbClient = db,
): Promise<PageDescriptor<"proposal"> | null> {
  const fn = await client.function.findUnique({ where: { name }, include: { page: true } });
  if (!fn) return null;
  const pageId = fn.page?.id ?? null;
  return {
    kind: "proposal",
    ...kindOf("proposal").address(fn),
    pageId,
    functionId: fn.id,
    functionName: fn.name,
    projectId: null,
    projectSlug: null,
    projectName: null,
    currentRevisionId: fn.page?.currentRevisionId ?? null,
    agreedRevisionId: fn.page?.agreedRevisionId ?? null,
    ensurePage: async (on = client) => pageId ?? (await ensureProposalPage(on, fn.id)).id,
  };
}

/** A project's needs page, whether or not it exists yet; null when there is no such project. */
export async function describeProjectPage(
  where: { slug: string } | { id: number },
  client: DbClient = db,
): Promise<PageDescriptor<"needs"> | null> {
  const project = await client.project.findUnique({ where, include: { page: true } });
  if (!project) return null;
  const pageId = project.page?.id ?? null;
  return {
    kind: "needs",
    ...kindOf("needs").address(project),
    pageId,
    functionId: null,
    functionName: null,
    projectId: project.id,
    projectSlug: project.slug,
    projectName: project.name,
    currentRevisionId: project.page?.currentRevisionId ?? null,
    agreedRevisionId: project.page?.agreedRevisionId ?? null,
    ensurePage: async (on = client) => pageId ?? (await ensureNeedsPage(on, project.id)).id,
  };
}

export async function functionPageRef(name: string, client: DbClient = db): Promise<ExistingPage<"proposal"> | null> {
  return existing(await describeFunctionPage(name, client));
}

export async function projectPageRef(slug: string, client: DbClient = db): Promise<ExistingPage<"needs"> | null> {
  return existing(await describeProjectPage({ slug }, client));
}

/** Where a page lives in the UI, from its database id. */
export async function pageRefById(pageId: number, client: DbClient = db): Promise<ExistingPage | null> {
  const page = await client.page.findUnique({ where: { id: pageId }, include: { function: true, project: true } });
  if (page?.function) return functionPageRef(page.function.name, client);
  if (page?.project) return projectPageRef(page.project.slug, client);
  return null;
}

export async function editPermissionForPage(pageId: number): Promise<Permission> {
  const page = await db.page.findUnique({ where: { id: pageId }, select: { kind: true, projectId: true } });
  // An unknown page needs a permission nobody has, so the request is refused like any other.
  return page ? editPermissionOf(page) : { action: "needs.edit", projectId: -1 };
}
