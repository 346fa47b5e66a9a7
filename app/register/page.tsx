import type { Metadata } from "next";
import Link from "next/link";
import { RegisterForm } from "@/components/register-form";
import { sameOriginPath } from "@/lib/auth/callback-url";
import { mailConfigured } from "@/lib/mail/transport";

export const metadata: Metadata = { title: "Register" };

export default async function RegisterPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Only a path on this site is followed after registering, as after signing in.
  const callbackUrl = sameOriginPath((await searchParams).callbackUrl);
  const back = callbackUrl === "/" ? "" : `?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  const mail = mailConfigured();
  return (
    <>
      <h1>Register</h1>
      <p className="muted">
        New accounts are readers: they can read and comment. Project representatives and maintainers get their role from
        an admin.
        {mail ? " A link mailed to your address confirms it; until then the account can only read." : ""}
      </p>
      <RegisterForm callbackUrl={callbackUrl} confirmByMail={mail} />
      <p>
        Already registered? <Link href={`/signin${back}`}>Sign in</Link>.
      </p>
    </>
  );
}
