import type { z } from "zod";
import type { Permission } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db";
import type { PageKind } from "@/lib/generated/prisma/client";
import type { FieldsDiff } from "@/lib/pages/diff";

/** A page row as a save sees it, under its lock. */
export interface SavedPage {
  id: number;
  functionId: number | null;
  projectId: number | null;
}

/** Runs inside the save's transaction once the new revision is current, e.g. to update derived tables. */
export type AfterSave<F> = (tx: Tx, page: SavedPage, fields: F) => Promise<void>;

export interface FieldsMerge<F> {
  fields: F;
  /** What both sides changed differently: "field asSafety", "row setgroups: priority", … */
  conflicts: string[];
}

/** Where a page lives and what it is called. */
export interface PageAddress {
  /** "setgroups" or "linted's needs list", as a heading */
  title: string;
  /** "the proposal for setgroups" or "linted's needs list", inside a sentence */
  nameInProse: string;
  /** "/functions/setgroups" or "/projects/linted" */
  basePath: string;
}

/**
 * Everything that differs between kinds of versioned page. Saving, merging,
 * diffing and history are written once over this; a new kind of page is a
 * new definition in the registry (lib/pages/kinds/index.ts).
 */
export interface PageKindDefinition<F, Owner> {
  readonly kind: PageKind;
  readonly fieldsSchema: z.ZodType<F>;
  parseFields(raw: unknown): F;
  /** Three-way merge of an edit's fields (`ours`, made on `base`) with what was saved since (`theirs`). */
  mergeFields(base: F, ours: F, theirs: F): FieldsMerge<F>;
  diffFields(from: F | null, to: F): FieldsDiff;
  /** Function names the fields refer to, which must be in the catalog unless the editor keeps them as new. */
  catalogNames(fields: F): string[];
  /** The permission an edit of the page needs (decided in lib/auth/permissions). */
  editPermission(page: { projectId: number | null }): Permission;
  address(owner: Owner): PageAddress;
  afterSave: AfterSave<F>;
}
