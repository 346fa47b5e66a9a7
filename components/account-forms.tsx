"use client";

import { signIn } from "next-auth/react";
import { useActionState, useState } from "react";
import { FormMessage, SubmitButton, TextField } from "@/components/form-state";
import { idleState, type FormState } from "@/lib/server/actions/state";
import { changePasswordAction, startOAuthLinkAction } from "@/lib/users/account-actions";
import { MIN_PASSWORD_LENGTH } from "@/lib/users/schema";

function PasswordField({ name, ...field }: { name: string; label: string; autoComplete: string; state: FormState }) {
  return <TextField id={`pw-${name}`} name={name} type="password" {...field} />;
}

export function ChangePasswordForm({ hasPassword }: { hasPassword: boolean }) {
  const [state, formAction, pending] = useActionState(changePasswordAction, idleState);
  return (
    <form action={formAction} className="stack" aria-label="Change password" noValidate>
      <FormMessage state={state} />
      {hasPassword ? (
        <PasswordField name="current" label="Current password" autoComplete="current-password" state={state} />
      ) : null}
      <PasswordField name="password" label="New password" autoComplete="new-password" state={state} />
      <p className="hint">At least {MIN_PASSWORD_LENGTH} characters. Every session ends, this one too.</p>
      <PasswordField name="confirm" label="New password again" autoComplete="new-password" state={state} />
      <SubmitButton pending={pending} busyLabel="Saving…">
        {hasPassword ? "Change password" : "Set password"}
      </SubmitButton>
    </form>
  );
}

export function LinkProviderButton({ provider }: { provider: { id: string; name: string } }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function link() {
    setPending(true);
    setError(null);
    const started = await startOAuthLinkAction({ provider: provider.id });
    if (!started.ok) {
      setPending(false);
      setError(started.error);
      return;
    }
    await signIn(provider.id, { callbackUrl: "/settings/account?linked=1" });
  }
  return (
    <span className="inline-form">
      <button type="button" className="button secondary small" onClick={() => void link()} disabled={pending}>
        Link {provider.name}
      </button>
      {error ? (
        <span role="alert" className="small field-error">
          {error}
        </span>
      ) : null}
    </span>
  );
}
