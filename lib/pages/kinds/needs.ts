import { diffNeeds } from "@/lib/pages/diff";
import { needsFieldsSchema, type NeedsFields } from "@/lib/pages/fields";
import { registeredAfterSave } from "@/lib/pages/kinds/hooks";
import type { PageKindDefinition } from "@/lib/pages/kinds/types";
import { mergeNeedsRows } from "@/lib/pages/merge";

/** Rewriting the project's derived needs rows belongs to the projects domain (syncNeeds), which registers it. */
export const needsAfterSave = registeredAfterSave<NeedsFields>("needs");

/** A project's needs list: the functions it calls after fork(), with priorities. */
export const needsKind: PageKindDefinition<NeedsFields, { slug: string; name: string }> = {
  kind: "needs",
  fieldsSchema: needsFieldsSchema,
  parseFields: (raw) => needsFieldsSchema.parse(raw),
  mergeFields: mergeNeedsRows,
  diffFields: (from, to) => ({ kind: "needs", needs: diffNeeds(from, to) }),
  catalogNames: (fields) => fields.rows.map((row) => row.function),
  // A page without a project needs a permission nobody has, so the edit is refused like any other.
  editPermission: (page) => ({ action: "needs.edit", projectId: page.projectId ?? -1 }),
  address: (project) => {
    const title = `${project.name}'s needs list`;
    return { title, nameInProse: title, basePath: `/projects/${project.slug}` };
  },
  afterSave: needsAfterSave.run,
};
