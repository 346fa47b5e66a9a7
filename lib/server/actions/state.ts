import type { TheirChange } from "@/lib/pages/editing";

/** What a form's server action returns to the form. */
export type FormState =
  | { status: "idle" }
  | { status: "ok"; message: string }
  | { status: "error"; message: string; fieldErrors?: Record<string, string[]> }
  | { status: "conflict"; message: string; conflicts: string[]; baseRevisionId: number; theirs: TheirChange };

export const idleState: FormState = { status: "idle" };
