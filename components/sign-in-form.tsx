"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { SubmitButton } from "@/components/form-state";

const MESSAGES: Record<string, string> = {
  TooManyAttempts: "Too many failed sign-ins: wait a minute before trying again.",
  default: "The email or password is not right.",
};

export function SignInForm({ callbackUrl, oauth }: { callbackUrl: string; oauth: { id: string; name: string }[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: form.get("email"),
      password: form.get("password"),
      redirect: false,
    });
    setPending(false);
    if (!result || result.error) {
      setError(MESSAGES[result?.error ?? ""] ?? MESSAGES.default!);
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }

  return (
    <>
      <form className="stack" onSubmit={onSubmit} aria-label="Sign in">
        {error ? (
          <div className="notice error" role="alert">
            {error}
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="email">Email</label>
          <input id="email" name="email" type="email" autoComplete="email" required />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
        </div>
        <SubmitButton pending={pending} busyLabel="Signing in…">
          Sign in
        </SubmitButton>
      </form>
      {oauth.length ? (
        <div className="actions" style={{ marginTop: "1rem" }}>
          {oauth.map((p) => (
            <button
              key={p.id}
              type="button"
              className="button secondary"
              onClick={() => void signIn(p.id, { callbackUrl })}
            >
              Sign in with {p.name}
            </button>
          ))}
        </div>
      ) : null}
    </>
  );
}
