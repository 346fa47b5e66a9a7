import { redirect } from "next/navigation";
import type { EditOutcome } from "@/lib/pages/editing";
import type { PageDescriptor } from "@/lib/pages/refs";
import { ActionError } from "@/lib/server/actions/safe-action";
import type { FormState } from "@/lib/server/actions/state";

/**
 * An edit form's answer to an edit's outcome: back to the page once saved (or
 * when nothing changed), the other person's change beside the editor's on a
 * conflict, and a refusal otherwise. Nothing was written unless it was saved.
 */
export function formStateOf(outcome: EditOutcome, page: PageDescriptor): FormState {
  switch (outcome.status) {
    case "saved":
      redirect(`${page.basePath}${outcome.merged ? "?merged=1" : ""}`);
    case "unchanged":
      redirect(page.basePath);
    case "conflict": {
      const { conflicts, currentRevisionId, theirs } = outcome.conflict;
      return {
        status: "conflict",
        message:
          `Edit conflict: revision ${theirs.number} by ${theirs.author} was saved while you were editing, ` +
          `and it changes the same ${conflicts.join(", ")}. Nothing was saved. Your version is still in the form; ` +
          "compare it with their change below, adjust it, and save again.",
        conflicts,
        baseRevisionId: currentRevisionId,
        theirs,
      };
    }
    case "foreign-base":
      throw new ActionError(
        `Revision ${outcome.baseRevisionId} is not a revision of ${page.nameInProse}, ` +
          "so this edit cannot be based on it. Nothing was saved; reload the page and edit it again.",
      );
    case "unknown-names": {
      // The needs form posts its rows as rows.<index>.
      const fieldErrors: Record<string, string[]> = { unknown: outcome.unknown.map((u) => u.name) };
      for (const u of outcome.unknown) {
        const hint = u.suggestions.length ? ` Did you mean ${u.suggestions.join(" or ")}?` : "";
        fieldErrors[`rows.${u.index}.function`] = [
          `${u.name} is not in the catalog.${hint} Keep it to add it as a new function.`,
        ];
      }
      throw new ActionError(
        "Some names are not in the catalog; correct them or keep them as new functions.",
        fieldErrors,
      );
    }
  }
}
