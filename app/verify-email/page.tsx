import type { Metadata } from "next";
import Link from "next/link";
import { VerifyEmailForm } from "@/components/account-mail-forms";

export const metadata: Metadata = { title: "Confirm your address" };

export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const token = (await searchParams).token;
  return (
    <>
      <h1>Confirm your address</h1>
      {typeof token === "string" && token ? (
        <>
          <p>Confirm the address this link was mailed to; the account can then do what its role allows.</p>
          <VerifyEmailForm token={token} />
        </>
      ) : (
        <p>
          Open the link from the confirmation mail. <Link href="/settings/account">Account settings</Link> sends a new
          one.
        </p>
      )}
    </>
  );
}
