"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { FormMessage, SubmitButton, TextField } from "@/components/form-state";
import { idleState, type FormState } from "@/lib/server/actions/state";
import { registerAction } from "@/lib/users/actions";
import { MIN_PASSWORD_LENGTH } from "@/lib/users/schema";

/**
 * After registering, the new user is signed in and goes back to the page they came from; one whose address
 * must be confirmed first goes to Account settings, which says so.
 */
export function RegisterForm({ callbackUrl, confirmByMail }: { callbackUrl: string; confirmByMail: boolean }) {
  // React resets the form after the action, so the credentials are kept here
  // to sign the new user in, as users expect after registering.
  const submitted = useRef<{ email: FormDataEntryValue | null; password: FormDataEntryValue | null }>(null);
  const [state, formAction, pending] = useActionState(async (previous: FormState, data: FormData) => {
    submitted.current = { email: data.get("email"), password: data.get("password") };
    return registerAction(previous, data);
  }, idleState);
  const router = useRouter();

  useEffect(() => {
    if (state.status !== "ok" || !submitted.current) return;
    void signIn("credentials", { ...submitted.current, redirect: false }).then((result) => {
      if (result && !result.error) router.push(confirmByMail ? "/settings/account?registered=1" : callbackUrl);
      else router.push(`/signin?registered=1&callbackUrl=${encodeURIComponent(callbackUrl)}`);
      router.refresh();
    });
  }, [state, router, callbackUrl, confirmByMail]);

  return (
    <form action={formAction} className="stack" aria-label="Register" noValidate>
      <FormMessage state={state} />
      <TextField id="email" name="email" label="Email" type="email" autoComplete="email" state={state} />
      <TextField id="name" name="name" label="Display name" autoComplete="name" state={state} />
      <TextField
        id="password"
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        state={state}
      />
      <SubmitButton pending={pending} busyLabel="Creating…">
        Create account
      </SubmitButton>
    </form>
  );
}
