import type { z } from "zod";
import "@/lib/server/page-hooks";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import type { PageKind } from "@/lib/generated/prisma/client";
import { editPage } from "@/lib/pages/editing";
import { compareRevisions, listRevisions } from "@/lib/pages/history";
import { kindOf, type KindFields } from "@/lib/pages/kinds";
import { describeFunctionPage, describeProjectPage, type PageDescriptor } from "@/lib/pages/refs";
import { encodeCursor } from "@/lib/server/api/cursor";
import { ApiError, notFound, type IfMatch } from "@/lib/server/api/http";
import type {
  needsPutSchema,
  proposalPutSchema,
  diffOutSchema,
  needsOutSchema,
  revisionListSchema,
  revisionsQuerySchema,
  diffQuerySchema,
  SaveResult,
} from "@/lib/server/api/schemas/pages";

// Versioned pages through the API: the same edit (lib/pages/editing), merges,
// histories and diffs (lib/pages/history) as the editing pages, with
// If-Match naming the revision a change is based on.

export async function functionPage(name: string): Promise<PageDescriptor<"proposal">> {
  const page = await describeFunctionPage(name);
  if (!page) throw notFound(`There is no function named ${name} in the catalog.`);
  return page;
}

export async function projectPage(slug: string): Promise<PageDescriptor<"needs">> {
  const page = await describeProjectPage({ slug });
  if (!page) throw notFound(`There is no project with the slug ${slug}.`);
  return page;
}

/**
 * A project's needs list as of its current revision (the revision is authoritative; the needs table is derived from
 * it).
 */
export async function needsOf(slug: string): Promise<z.output<typeof needsOutSchema>> {
  const project = await db.project.findUnique({
    where: { slug },
    include: { page: { include: { currentRevision: { select: { text: true, fields: true } } } } },
  });
  if (!project) throw notFound(`There is no project with the slug ${slug}.`);
  const current = project.page?.currentRevision;
  return {
    project: project.slug,
    name: project.name,
    currentRevisionId: project.page?.currentRevisionId ?? null,
    text: current?.text ?? "",
    needs: current ? kindOf("needs").parseFields(current.fields).rows : [],
  };
}

function cursorNumber(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const n = Number(cursor);
  if (!Number.isInteger(n) || n < 1)
    throw new ApiError(400, "invalid_request", "The request is not valid; see the fields.", {
      fields: { cursor: ["Not a cursor of this list."] },
    });
  return n;
}

/** A page's history, newest first. */
export async function revisionsOf(
  page: PageDescriptor,
  query: z.output<typeof revisionsQuerySchema>,
): Promise<z.output<typeof revisionListSchema>> {
  if (page.pageId === null) return { items: [], nextCursor: null };
  const { revisions, nextBefore } = await listRevisions(page.pageId, {
    before: cursorNumber(query.cursor),
    limit: query.limit,
  });
  return {
    items: revisions.map((r) => ({
      id: r.id,
      number: r.number,
      summary: r.summary,
      author: r.author.name,
      createdAt: r.createdAt.toISOString(),
      size: r.size,
      sizeChange: r.sizeChange,
      restoredFromId: r.restoredFromId,
    })),
    nextCursor: nextBefore === null ? null : encodeCursor(nextBefore),
  };
}

/** The structured diff between two revisions of a page (ids), by default a revision's own change. */
export async function diffOf(
  page: PageDescriptor,
  query: z.output<typeof diffQuerySchema>,
): Promise<z.output<typeof diffOutSchema>> {
  const { pageId, currentRevisionId } = page;
  if (pageId === null || currentRevisionId === null) {
    throw notFound(`${capitalise(page.nameInProse)} has no revision yet.`);
  }
  const find = async (id: number) => {
    const revision = await db.revision.findFirst({
      where: { id, pageId },
      select: { id: true, number: true },
    });
    if (!revision) throw notFound(`Revision ${id} is not a revision of ${page.nameInProse}.`);
    return revision;
  };
  const to = await find(query.to ?? currentRevisionId);
  const from = query.from === undefined ? null : await find(query.from);
  const comparison = await compareRevisions(
    { ...page, pageId },
    from ? from.number : to.number > 1 ? to.number - 1 : null,
    to.number,
  );
  if (!comparison) throw notFound(`Those revisions of ${page.nameInProse} do not exist.`);
  return {
    from: comparison.from ? { id: comparison.from.id, number: comparison.from.number } : null,
    to: { id: comparison.to.id, number: comparison.to.number },
    fields: comparison.fields,
    text: comparison.text,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface SaveOutcome {
  status: 200 | 201;
  result: SaveResult;
  /** The revision's page on the site. */
  location: string;
}

interface SaveInput<K extends PageKind> {
  /** Omitted: unchanged from the base revision. */
  text: string | undefined;
  fields: KindFields[K];
  summary: string;
  keepUnknown?: string[];
}

const precondition = (message: string, currentRevisionId: number | null) =>
  new ApiError(412, "precondition_failed", message, { currentRevisionId });

/** The base revision If-Match names: required once the page has revisions, refused before. */
function baseFromIfMatch(page: PageDescriptor, ifMatch: IfMatch): number | null {
  const currentId = page.currentRevisionId;
  if (currentId === null) {
    if (ifMatch.kind === "absent") return null;
    throw precondition(
      `${capitalise(page.nameInProse)} has no revision yet: send no If-Match header to create its first revision.`,
      null,
    );
  }
  if (ifMatch.kind === "absent") {
    throw precondition(
      `Send If-Match: "<revision id>" with the id of the revision your change is based on ` +
        `(the current revision is ${currentId}).`,
      currentId,
    );
  }
  if (ifMatch.kind === "invalid") {
    throw precondition(`If-Match must be a revision id in double quotes, such as "${currentId}".`, currentId);
  }
  return ifMatch.id;
}

/**
 * Saves a new revision of a page for an API caller, through the same edit as
 * the forms: a stale base is merged, a real conflict is refused with 409, a
 * request that changes nothing writes nothing (200), and a name the catalog
 * lacks is refused unless the caller lists it in keepUnknown.
 */
async function savePage<K extends PageKind>(
  page: PageDescriptor<K>,
  actor: Actor,
  ifMatch: IfMatch,
  input: SaveInput<K>,
): Promise<SaveOutcome> {
  const baseRevisionId = baseFromIfMatch(page, ifMatch);
  const outcome = await editPage({ page, baseRevisionId, authorId: actor.id, ...input });
  const saved = (status: 200 | 201, revision: { id: number; number: number }, merged: boolean) => ({
    status,
    result: { revisionId: revision.id, number: revision.number, merged, unchanged: status === 200 },
    location: `${page.basePath}/revisions/${revision.number}`,
  });
  switch (outcome.status) {
    case "saved":
      return saved(201, outcome.revision, outcome.merged);
    case "unchanged":
      return saved(200, outcome.current, false);
    case "foreign-base":
      throw precondition(
        `Revision ${outcome.baseRevisionId} is not a revision of ${page.nameInProse} ` +
          `(its current revision is ${outcome.currentRevisionId}).`,
        outcome.currentRevisionId,
      );
    case "conflict": {
      const { theirs, conflicts, baseNumber, currentRevisionId } = outcome.conflict;
      const when = baseNumber === null ? "first" : `after revision ${baseNumber}`;
      throw new ApiError(
        409,
        "edit_conflict",
        `Edit conflict: revision ${theirs.number} by ${theirs.author} was saved ${when} ` +
          `and changes the same ${conflicts.join(", ")}. Nothing was saved: fetch the current revision, ` +
          `reapply your change and send it with If-Match: "${currentRevisionId}".`,
        { currentRevisionId, conflicts },
      );
    }
    case "unknown-names": {
      const { unknown } = outcome;
      const fields: Record<string, string[]> = {};
      for (const u of unknown) {
        const hint = u.suggestions.length ? ` Did you mean ${u.suggestions.join(" or ")}?` : "";
        fields[`needs.${u.index}.function`] = [
          `${u.name} is not in the catalog.${hint} List it in keepUnknown to add it as a new function.`,
        ];
      }
      const names = unknown.length === 1 ? "A name is" : `${unknown.length} names are`;
      throw new ApiError(
        400,
        "invalid_request",
        `${names} not in the catalog: ${unknown.map((u) => u.name).join(", ")}. ` +
          "Correct them, or list them in keepUnknown to add them as new functions.",
        { fields },
      );
    }
  }
}

/** PUT /api/v1/functions/{name}/proposal, once the gate has let the caller in (apiAction, editPermissionOf). */
export async function putProposal(
  actor: Actor,
  page: PageDescriptor<"proposal">,
  body: z.output<typeof proposalPutSchema>,
  ifMatch: IfMatch,
): Promise<SaveOutcome> {
  return savePage(page, actor, ifMatch, { text: body.text, fields: body.fields, summary: body.summary });
}

/** PUT /api/v1/projects/{slug}/needs, once the gate has let the caller in. */
export async function putNeeds(
  actor: Actor,
  page: PageDescriptor<"needs">,
  body: z.output<typeof needsPutSchema>,
  ifMatch: IfMatch,
): Promise<SaveOutcome> {
  return savePage(page, actor, ifMatch, {
    text: body.text,
    fields: { rows: body.needs },
    summary: body.summary,
    keepUnknown: body.keepUnknown,
  });
}
