"use client";

import { useActionState, type ReactNode } from "react";
import type { FormState } from "@/lib/server/actions/state";
import { idleState } from "@/lib/server/actions/state";

type Action = (previous: FormState, data: FormData) => Promise<FormState>;

/** A form bound to a server action, showing the action's message beside it. */
export function ActionForm({
  action,
  children,
  label,
  className = "inline-form",
}: {
  action: Action;
  children: ReactNode;
  label: string;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(action, idleState);
  return (
    <form action={formAction} className={className} aria-label={label} aria-busy={pending}>
      {children}
      {state.status !== "idle" ? (
        <span
          role={state.status === "ok" ? "status" : "alert"}
          className={`small ${state.status === "ok" ? "" : "field-error"}`}
        >
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
