import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm, ResetRequestForm } from "@/components/account-mail-forms";
import { checkAccountToken } from "@/lib/mail/account-tokens";
import { mailConfigured } from "@/lib/mail/transport";

export const metadata: Metadata = { title: "Reset password" };

const REFUSED = {
  unknown: "This link is not valid: only the link from the latest mail works.",
  used: "This link was already used.",
  expired: "This link has expired: links work for one hour.",
} as const;

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const token = (await searchParams).token;
  if (!mailConfigured()) {
    return (
      <>
        <h1>Reset password</h1>
        <div className="notice warn" role="status">
          This site sends no mail (SMTP_URL is not set), so a password cannot be reset by mail. Ask an admin of the
          site.
        </div>
      </>
    );
  }
  if (typeof token === "string" && token) {
    const check = await checkAccountToken(token, "reset-password");
    return (
      <>
        <h1>Set a new password</h1>
        {check.ok ? (
          <ResetPasswordForm token={token} />
        ) : (
          <div className="notice error" role="alert">
            {REFUSED[check.reason]} <Link href="/reset-password">Ask for a new link</Link>.
          </div>
        )}
      </>
    );
  }
  return (
    <>
      <h1>Reset password</h1>
      <p>Give the address of your account: a link to set a new password is mailed to it, valid for one hour.</p>
      <ResetRequestForm />
      <p>
        Remembered it? <Link href="/signin">Sign in</Link>.
      </p>
    </>
  );
}
