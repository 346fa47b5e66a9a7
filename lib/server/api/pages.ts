import type { z } from "zod";
import { authorize, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { unknownNames } from "@/lib/functions/suggest";
import type { PageKind } from "@/lib/generated/prisma/client";
import { saveEdit } from "@/lib/pages/editing";
import { compareRevisions, listRevisions } from "@/lib/pages/history";
import { editPermissionFor } from "@/lib/pages/permissions";
import { functionPageRef, projectPageRef, type PageRef } from "@/lib/pages/refs";
import { ensureNeedsPage, ensureProposalPage, parseFields } from "@/lib/pages/revisions";
import type { NeedsFields } from "@/lib/pages/fields";
import { encodeCursor } from "@/lib/server/api/cursor";
import { ApiError, notFound, readIfMatch, readJson } from "@/lib/server/api/http";
import {
  needsPutSchema,
  proposalPutSchema,
  type diffOutSchema,
  type needsOutSchema,
  type revisionListSchema,
  type revisionsQuerySchema,
  type diffQuerySchema,
  type SaveResult,
} from "@/lib/server/api/schemas";

// Versioned pages through the API: the same saves (lib/pages/editing), merges,
// histories and diffs (lib/pages/history) as the editing pages, with
// If-Match naming the revision a change is based on.

/** A page addressed by the API: a function's proposal or a project's needs list. */
export interface ApiPage {
  kind: PageKind;
  /** "the proposal for setgroups", "linted's needs list" */
  title: string;
  /** Where its revisions live on the site, e.g. /functions/setgroups */
  basePath: string;
  /** Null while the page has never been created. */
  ref: PageRef | null;
  projectId: number | null;
  ensurePage: () => Promise<{ id: number }>;
}

export async function functionPage(name: string): Promise<ApiPage> {
  const fn = await db.function.findUnique({ where: { name }, select: { id: true, name: true } });
  if (!fn) throw notFound(`There is no function named ${name} in the catalog.`);
  return {
    kind: "proposal",
    title: `the proposal for ${fn.name}`,
    basePath: `/functions/${encodeURIComponent(fn.name)}`,
    ref: await functionPageRef(fn.name),
    projectId: null,
    ensurePage: () => ensureProposalPage(db, fn.id),
  };
}

export async function projectPage(slug: string): Promise<ApiPage> {
  const project = await db.project.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
  if (!project) throw notFound(`There is no project with the slug ${slug}.`);
  return {
    kind: "needs",
    title: `${project.name}'s needs list`,
    basePath: `/projects/${project.slug}`,
    ref: await projectPageRef(project.slug),
    projectId: project.id,
    ensurePage: () => ensureNeedsPage(db, project.id),
  };
}

/** A project's needs list as of its current revision (the revision is authoritative; the needs table is derived from it). */
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
    needs: current ? (parseFields("needs", current.fields) as NeedsFields).rows : [],
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
  page: ApiPage,
  query: z.output<typeof revisionsQuerySchema>,
): Promise<z.output<typeof revisionListSchema>> {
  if (!page.ref) return { items: [], nextCursor: null };
  const { revisions, nextBefore } = await listRevisions(page.ref.pageId, {
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
  page: ApiPage,
  query: z.output<typeof diffQuerySchema>,
): Promise<z.output<typeof diffOutSchema>> {
  const ref = page.ref;
  if (!ref || ref.currentRevisionId === null) throw notFound(`${capitalise(page.title)} has no revision yet.`);
  const find = async (id: number) => {
    const revision = await db.revision.findFirst({
      where: { id, pageId: ref.pageId },
      select: { id: true, number: true },
    });
    if (!revision) throw notFound(`Revision ${id} is not a revision of ${page.title}.`);
    return revision;
  };
  const to = await find(query.to ?? ref.currentRevisionId);
  const from = query.from === undefined ? null : await find(query.from);
  const comparison = await compareRevisions(ref, from ? from.number : to.number > 1 ? to.number - 1 : null, to.number);
  if (!comparison) throw notFound(`Those revisions of ${page.title} do not exist.`);
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

interface SaveInput {
  text: string | undefined;
  fields: unknown;
  summary: string;
}

const precondition = (message: string, currentRevisionId: number | null) =>
  new ApiError(412, "precondition_failed", message, { currentRevisionId });

/**
 * Saves a new revision of a page for an API caller. The base revision comes
 * from If-Match (required once the page has revisions); a stale base is
 * merged as in the editor, a real conflict is refused with 409, and a request
 * that changes nothing writes nothing.
 */
async function savePage(
  page: ApiPage,
  actor: Actor,
  ifMatch: ReturnType<typeof readIfMatch>,
  input: SaveInput,
): Promise<SaveOutcome> {
  const currentId = page.ref?.currentRevisionId ?? null;
  const current = currentId === null ? null : await db.revision.findUniqueOrThrow({ where: { id: currentId } });
  let base: typeof current = null;
  if (current === null) {
    if (ifMatch.kind !== "absent")
      throw precondition(
        `${capitalise(page.title)} has no revision yet: send no If-Match header to create its first revision.`,
        null,
      );
  } else if (ifMatch.kind === "absent") {
    throw precondition(
      `Send If-Match: "<revision id>" with the id of the revision your change is based on (the current revision is ${current.id}).`,
      current.id,
    );
  } else if (ifMatch.kind === "invalid") {
    throw precondition(`If-Match must be a revision id in double quotes, such as "${current.id}".`, current.id);
  } else {
    base = await db.revision.findFirst({ where: { id: ifMatch.id, pageId: page.ref!.pageId } });
    if (!base)
      throw precondition(
        `Revision ${ifMatch.id} is not a revision of ${page.title} (its current revision is ${current.id}).`,
        current.id,
      );
  }
  const text = input.text ?? base?.text ?? "";
  const fields = parseFields(page.kind, input.fields);
  const same = (revision: typeof current) =>
    revision !== null &&
    revision.text === text &&
    JSON.stringify(parseFields(page.kind, revision.fields)) === JSON.stringify(fields);
  if (current && (same(current) || same(base))) {
    return {
      status: 200,
      result: { revisionId: current.id, number: current.number, merged: false, unchanged: true },
      location: `${page.basePath}/revisions/${current.number}`,
    };
  }
  const pageId = page.ref?.pageId ?? (await page.ensurePage()).id;
  const outcome = await saveEdit({
    pageId,
    baseRevisionId: base?.id ?? null,
    authorId: actor.id,
    summary: input.summary,
    text,
    fields,
  });
  if ("conflict" in outcome) {
    const { theirs, conflicts, baseRevisionId } = outcome.conflict;
    throw new ApiError(
      409,
      "edit_conflict",
      `Edit conflict: revision ${theirs.number} by ${theirs.author} was saved ${base ? `after revision ${base.number}` : "first"} and changes the same ${conflicts.join(", ")}. Nothing was saved: fetch the current revision, reapply your change and send it with If-Match: "${baseRevisionId}".`,
      { currentRevisionId: baseRevisionId, conflicts },
    );
  }
  const { revision, merged } = outcome.saved;
  return {
    status: 201,
    result: { revisionId: revision.id, number: revision.number, merged, unchanged: false },
    location: `${page.basePath}/revisions/${revision.number}`,
  };
}

/** PUT /api/v1/functions/{name}/proposal */
export async function putProposal(actor: Actor, name: string, request: Request): Promise<SaveOutcome> {
  const page = await functionPage(name);
  authorize(actor, editPermissionFor({ kind: "proposal", projectId: null }));
  const body = await readJson(request, proposalPutSchema);
  return savePage(page, actor, readIfMatch(request), { text: body.text, fields: body.fields, summary: body.summary });
}

/** PUT /api/v1/projects/{slug}/needs */
export async function putNeeds(actor: Actor, slug: string, request: Request): Promise<SaveOutcome> {
  const page = await projectPage(slug);
  authorize(actor, editPermissionFor({ kind: "needs", projectId: page.projectId }));
  const body = await readJson(request, needsPutSchema);
  // As in the editor: a name the catalog lacks is refused unless the caller says to add it.
  const keep = new Set(body.keepUnknown);
  const unknown = (await unknownNames(body.needs.map((row) => row.function))).filter((u) => !keep.has(u.name));
  if (unknown.length) {
    const fields: Record<string, string[]> = {};
    body.needs.forEach((row, i) => {
      const u = unknown.find((x) => x.name === row.function);
      if (u) {
        const hint = u.suggestions.length ? ` Did you mean ${u.suggestions.join(" or ")}?` : "";
        fields[`needs.${i}.function`] = [
          `${u.name} is not in the catalog.${hint} List it in keepUnknown to add it as a new function.`,
        ];
      }
    });
    throw new ApiError(
      400,
      "invalid_request",
      `${unknown.length === 1 ? "A name is" : `${unknown.length} names are`} not in the catalog: ${unknown.map((u) => u.name).join(", ")}. Correct them, or list them in keepUnknown to add them as new functions.`,
      { fields },
    );
  }
  return savePage(page, actor, readIfMatch(request), {
    text: body.text,
    fields: { rows: body.needs },
    summary: body.summary,
  });
}
