"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { FieldError, FormMessage } from "@/components/form-state";
import { idleState, type FormState } from "@/lib/server/actions/state";
import { registerAction } from "@/lib/users/actions";
import { MIN_PASSWORD_LENGTH } from "@/lib/users/schema";

export function RegisterForm() {
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
      router.push(result && !result.error ? "/" : "/signin?registered=1");
      router.refresh();
    });
  }, [state, router]);

  const invalid = (name: string) => (state.status === "error" && state.fieldErrors?.[name] ? true : undefined);
  return (
    <form action={formAction} className="stack" aria-label="Register" noValidate>
      <FormMessage state={state} />
      <div className="field">
        <label htmlFor="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          aria-invalid={invalid("email")}
          aria-describedby="email-error"
        />
        <FieldError state={state} name="email" />
      </div>
      <div className="field">
        <label htmlFor="name">Display name</label>
        <input id="name" name="name" autoComplete="name" aria-invalid={invalid("name")} aria-describedby="name-error" />
        <FieldError state={state} name="name" />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          aria-invalid={invalid("password")}
          aria-describedby="password-hint password-error"
        />
        <p className="hint" id="password-hint">
          At least {MIN_PASSWORD_LENGTH} characters.
        </p>
        <FieldError state={state} name="password" />
      </div>
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Creating…" : "Create account"}
        </button>
      </div>
    </form>
  );
}
