"use client";

import { useActionState } from "react";
import { FieldError, FormMessage, SubmitButton } from "@/components/form-state";
import { idleState, type FormState } from "@/lib/server/actions/state";

type Action = (previous: FormState, data: FormData) => Promise<FormState>;

/** Names and creates a token; the new token is shown here once, ready to copy. */
export function CreateTokenForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, idleState);
  const token = state.status === "ok" && "token" in state && typeof state.token === "string" ? state.token : null;
  return (
    <>
      <form action={formAction} className="stack" aria-label="Create a token" aria-busy={pending}>
        <div className="field">
          <label htmlFor="token-name">Name</label>
          <input
            id="token-name"
            name="name"
            required
            maxLength={100}
            placeholder="systemd CI"
            aria-describedby="token-name-hint name-error"
          />
          <p className="hint" id="token-name-hint">
            Say where the token will be used, so you know which to revoke later.
          </p>
          <FieldError state={state} name="name" />
        </div>
        <SubmitButton pending={pending}>Create token</SubmitButton>
      </form>
      <div style={{ marginTop: "0.8rem" }}>
        <FormMessage state={state} />
      </div>
      {token ? (
        <div className="field">
          <label htmlFor="new-token">Your new token</label>
          <input
            id="new-token"
            className="mono token-secret"
            readOnly
            value={token}
            data-testid="new-token"
            onFocus={(e) => e.currentTarget.select()}
          />
          <p className="hint">
            Store it as a secret, e.g. <code>AFTERFORK_TOKEN</code> in your CI. Anyone who has it can act as you.
          </p>
        </div>
      ) : null}
    </>
  );
}
