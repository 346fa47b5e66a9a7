import type { DiffRow, FieldsDiff } from "@/lib/pages/diff";

/** The change someone else saved while an editor was working, shown on a conflict. */
export interface TheirChange {
  number: number;
  author: string;
  summary: string;
  text: DiffRow[];
  fields: FieldsDiff;
}

/** What a form's server action returns to the form. */
export type FormState =
  | { status: "idle" }
  | { status: "ok"; message: string }
  | { status: "error"; message: string; fieldErrors?: Record<string, string[]> }
  | { status: "conflict"; message: string; conflicts: string[]; baseRevisionId: number; theirs: TheirChange };

export const idleState: FormState = { status: "idle" };
