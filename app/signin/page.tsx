import type { Metadata } from "next";
import Link from "next/link";
import { SignInForm } from "@/components/sign-in-form";
import { sameOriginPath } from "@/lib/auth/callback-url";
import { OAUTH_REFUSAL_MESSAGES, type OAuthRefusal } from "@/lib/auth/oauth";
import { enabledOAuthProviders } from "@/lib/auth/oauth-providers";

export const metadata: Metadata = { title: "Sign in" };

const ENDED: Record<string, string> = {
  password: "Your password is changed and every session has ended. Sign in with the new password.",
  everywhere: "Every session of your account has ended. Sign in again.",
  reset: "Your new password is set and every session has ended. Sign in with it.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = sameOriginPath(params.callbackUrl);
  const back = callbackUrl === "/" ? "" : `?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  return (
    <>
      <h1>Sign in</h1>
      {params.registered ? (
        <div className="notice ok" role="status">
          Your account is ready. Sign in with it.
        </div>
      ) : null}
      {ENDED[String(params.ended)] ? (
        <div className="notice ok" role="status">
          {ENDED[String(params.ended)]}
        </div>
      ) : null}
      {OAUTH_REFUSAL_MESSAGES[params.error as OAuthRefusal] ? (
        <div className="notice error" role="alert">
          {OAUTH_REFUSAL_MESSAGES[params.error as OAuthRefusal]}
        </div>
      ) : null}
      {/* Only a path on this site is followed after sign-in. */}
      <SignInForm callbackUrl={callbackUrl} oauth={enabledOAuthProviders()} />
      <p>
        <Link href="/reset-password">Forgot your password?</Link>
      </p>
      <p>
        No account yet? <Link href={`/register${back}`}>Register</Link> — new accounts can read and comment; an admin
        grants other roles.
      </p>
    </>
  );
}
