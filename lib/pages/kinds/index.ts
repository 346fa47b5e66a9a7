import type { Permission } from "@/lib/auth/permissions";
import type { PageKind } from "@/lib/generated/prisma/client";
import type { FieldsDiff } from "@/lib/pages/diff";
import type { NeedsFields, ProposalFields } from "@/lib/pages/fields";
import { needsAfterSave, needsKind } from "@/lib/pages/kinds/needs";
import { proposalKind } from "@/lib/pages/kinds/proposal";
import type { AfterSave, PageKindDefinition } from "@/lib/pages/kinds/types";

// The registry of page kinds: code that works on any page looks its kind up
// here instead of asking which kind it is.

/** The structured fields each kind's revisions carry. */
export interface KindFields {
  proposal: ProposalFields;
  needs: NeedsFields;
}

/** What a page's address is built from: the function or project it belongs to. */
export interface KindOwners {
  proposal: { name: string };
  needs: { slug: string; name: string };
}

export type PageKinds = { [K in PageKind]: PageKindDefinition<KindFields[K], KindOwners[K]> };
export type PageFields = KindFields[PageKind];

const pageKinds: PageKinds = { proposal: proposalKind, needs: needsKind };

export function kindOf<K extends PageKind>(kind: K): PageKinds[K] {
  return pageKinds[kind];
}

/** The permission an edit of this page needs. */
export function editPermissionOf(page: { kind: PageKind; projectId: number | null }): Permission {
  return kindOf(page.kind).editPermission(page);
}

/** After-save steps that other domains provide, by kind. */
const registrations = { needs: needsAfterSave.register };

/**
 * Registers what runs inside every save of a kind of page once its new
 * revision is current (the module that owns the step calls this when it loads).
 */
export function onSave<K extends keyof typeof registrations>(kind: K, hook: AfterSave<KindFields[K]>): void {
  registrations[kind](hook);
}

/** How two stored revisions' fields differ (`from` null: against an empty page). */
export function diffStoredFields<K extends PageKind>(
  kind: K,
  from: { fields: unknown } | null,
  to: { fields: unknown },
): FieldsDiff {
  const definition = kindOf(kind);
  return definition.diffFields(from ? definition.parseFields(from.fields) : null, definition.parseFields(to.fields));
}
