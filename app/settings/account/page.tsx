import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { ChangePasswordForm, LinkProviderButton } from "@/components/account-forms";
import { OAUTH_REFUSAL_MESSAGES, type OAuthRefusal } from "@/lib/auth/oauth";
import { enabledOAuthProviders } from "@/lib/auth/oauth-providers";
import { requireActor } from "@/lib/server/gate/page";
import { mailConfigured } from "@/lib/mail/transport";
import { accountOverview } from "@/lib/users/account";
import { signOutEverywhereAction } from "@/lib/users/account-actions";
import { resendVerificationAction } from "@/lib/users/mail-actions";

export const metadata: Metadata = { title: "Account settings" };

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor({ action: "account.manage" });
  const [account, params] = await Promise.all([accountOverview(actor.id), searchParams]);
  const refusal = OAUTH_REFUSAL_MESSAGES[params.error as OAuthRefusal] as string | undefined;
  const unlinked = enabledOAuthProviders().filter((p) => !account.linked.includes(p.id));
  return (
    <>
      <h1>Account settings</h1>
      <p className="muted">
        Signed in as {account.name} ({account.email}, {account.role}). API tokens are managed at{" "}
        <Link href="/settings/tokens">API tokens</Link>; they are not sessions and stay valid until revoked. What mail
        you receive is set at <Link href="/settings/notifications">Mail notifications</Link>.
      </p>
      <section className="panel" aria-labelledby="address-heading">
        <h2 id="address-heading">Email address</h2>
        {account.emailVerifiedAt ? (
          <p data-testid="email-status">{account.email} is confirmed.</p>
        ) : (
          <>
            <div className="notice warn" role="status" data-testid="email-status">
              {account.email} is not confirmed yet
              {params.registered ? ": open the link mailed to it" : ""}. Until it is, the account can only read: no
              role, no comments, votes, edits or mail but the confirmation.
            </div>
            {mailConfigured() ? (
              <ActionForm action={resendVerificationAction} label="Send the confirmation again">
                <button type="submit" className="button secondary">
                  Send the link again
                </button>
              </ActionForm>
            ) : (
              <p className="small muted">This site sends no mail now (SMTP_URL is unset); ask an admin.</p>
            )}
          </>
        )}
      </section>
      {refusal ? (
        <div className="notice error" role="alert">
          {refusal}
        </div>
      ) : params.linked ? (
        <div className="notice ok" role="status">
          The provider is linked: you can sign in with it.
        </div>
      ) : null}
      <section className="panel" aria-labelledby="password-heading">
        <h2 id="password-heading">{account.hasPassword ? "Change password" : "Set a password"}</h2>
        <ChangePasswordForm hasPassword={account.hasPassword} />
      </section>
      <section className="panel" aria-labelledby="providers-heading">
        <h2 id="providers-heading">Sign-in providers</h2>
        <p>
          {account.linked.length ? `Linked: ${account.linked.join(", ")}.` : "No provider is linked."} A provider is
          only ever linked from here, never because its email matches.
        </p>
        {unlinked.map((p) => (
          <LinkProviderButton key={p.id} provider={p} />
        ))}
      </section>
      <section className="panel" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Sessions</h2>
        <ActionForm action={signOutEverywhereAction} label="Sign out everywhere">
          <button type="submit" className="button danger">
            Sign out everywhere
          </button>
          <span className="small muted">Ends every session on every device, this one too.</span>
        </ActionForm>
      </section>
    </>
  );
}
