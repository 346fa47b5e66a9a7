import type { ReactNode } from "react";
import type { FormState } from "@/lib/server/actions/state";

export function FormMessage({ state }: { state: FormState }) {
  if (state.status === "idle") return null;
  return (
    <div
      className={`notice ${state.status === "ok" ? "ok" : "error"}`}
      role={state.status === "ok" ? "status" : "alert"}
    >
      {state.message}
    </div>
  );
}

export function FieldError({ state, name }: { state: FormState; name: string }) {
  if (state.status !== "error" || !state.fieldErrors?.[name]) return null;
  return (
    <p className="field-error" id={`${name}-error`}>
      {state.fieldErrors[name].join(" ")}
    </p>
  );
}

/** The summary a page edit is saved with, shown in the page's history. */
export function EditSummaryField({ id, state }: { id: string; state: FormState }) {
  return (
    <div className="field">
      <label htmlFor={id}>Edit summary</label>
      <input id={id} name="summary" placeholder="What changed and why" />
      <FieldError state={state} name="summary" />
    </div>
  );
}

/** A form's submit button, disabled while the action runs; `busyLabel`, if given, replaces its label meanwhile. */
export function SubmitButton({
  pending,
  busyLabel,
  small = false,
  children,
}: {
  pending: boolean;
  busyLabel?: string;
  small?: boolean;
  children: ReactNode;
}) {
  return (
    <div>
      <button type="submit" className={small ? "button small" : "button"} disabled={pending}>
        {pending && busyLabel !== undefined ? busyLabel : children}
      </button>
    </div>
  );
}

/**
 * A labelled input tied to its field's errors in the action's state: marked invalid while it has one and
 * described by it (and by `hint`, shown under it).
 */
export function TextField({
  id,
  name,
  label,
  type,
  autoComplete,
  hint,
  state,
}: {
  id: string;
  name: string;
  label: string;
  type?: "email" | "password";
  autoComplete: string;
  hint?: ReactNode;
  state: FormState;
}) {
  const invalid = state.status === "error" && state.fieldErrors?.[name] ? true : undefined;
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        aria-invalid={invalid}
        aria-describedby={hint ? `${hintId} ${name}-error` : `${name}-error`}
      />
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <FieldError state={state} name={name} />
    </div>
  );
}
