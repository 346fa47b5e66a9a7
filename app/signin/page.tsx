import type { Metadata } from "next";
import Link from "next/link";
import { SignInForm } from "@/components/sign-in-form";
import { enabledOAuthProviders } from "@/lib/auth/options";

export const metadata: Metadata = { title: "Sign in" };

/** Only same-site paths are followed after sign-in. */
function safeCallback(value: string | string[] | undefined): string {
  const url = Array.isArray(value) ? value[0] : value;
  return url && url.startsWith("/") && !url.startsWith("//") ? url : "/";
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  return (
    <>
      <h1>Sign in</h1>
      {params.registered ? (
        <div className="notice ok" role="status">
          Your account is ready. Sign in with it.
        </div>
      ) : null}
      <SignInForm callbackUrl={safeCallback(params.callbackUrl)} oauth={enabledOAuthProviders()} />
      <p>
        No account yet? <Link href="/register">Register</Link> — new accounts can read and comment; an admin grants
        other roles.
      </p>
    </>
  );
}
