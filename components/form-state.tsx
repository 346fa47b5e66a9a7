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
