"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField } from "@/components/form-state";
import { idleState } from "@/lib/server/actions/state";
import { requestResetAction, resetPasswordAction, verifyEmailAction } from "@/lib/users/mail-actions";
import { MIN_PASSWORD_LENGTH } from "@/lib/users/schema";

/** The button behind a confirmation link: opening the link alone changes nothing. */
export function VerifyEmailForm({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState(verifyEmailAction, idleState);
  if (state.status === "ok") return <FormMessage state={state} />;
  return (
    <form action={formAction} className="stack" aria-label="Confirm address">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton pending={pending} busyLabel="Confirming…">
        Confirm my address
      </SubmitButton>
    </form>
  );
}

export function ResetRequestForm() {
  const [state, formAction, pending] = useActionState(requestResetAction, idleState);
  return (
    <form action={formAction} className="stack" aria-label="Ask for a reset link" noValidate>
      <FormMessage state={state} />
      <TextField id="email" name="email" label="Email" type="email" autoComplete="email" state={state} />
      <SubmitButton pending={pending} busyLabel="Sending…">
        Mail me a link
      </SubmitButton>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState(resetPasswordAction, idleState);
  return (
    <form action={formAction} className="stack" aria-label="Set a new password" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <TextField
        id="pw-password"
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. Every session of the account ends.`}
        state={state}
      />
      <TextField
        id="pw-confirm"
        name="confirm"
        label="New password again"
        type="password"
        autoComplete="new-password"
        state={state}
      />
      <SubmitButton pending={pending} busyLabel="Saving…">
        Set the new password
      </SubmitButton>
    </form>
  );
}
