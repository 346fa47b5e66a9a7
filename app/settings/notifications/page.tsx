import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { saveMailSettingsAction } from "@/lib/mail/actions";
import { DELIVERIES, DELIVERY_WORDS, KIND_WORDS, MAIL_KINDS } from "@/lib/mail/kinds";
import { mailSettings } from "@/lib/mail/preferences";
import { mailConfigured } from "@/lib/mail/transport";
import { requireActor } from "@/lib/server/gate/page";

export const metadata: Metadata = { title: "Mail notifications" };

export default async function NotificationsPage() {
  const actor = await requireActor({ action: "account.manage" });
  const settings = await mailSettings(actor.id);
  const chosen = settings.kinds;
  return (
    <>
      <h1>Mail notifications</h1>
      {mailConfigured() ? null : (
        <div className="notice" role="status" data-testid="mail-off">
          This site sends no mail: SMTP_URL is not set. Your settings are kept and apply once it is.
        </div>
      )}
      <p className="muted">
        Mail goes to your account&apos;s address. Every mail has a link that turns its kind off without signing in. Your
        watched pages are on your <Link href="/watchlist">watchlist</Link>; see also{" "}
        <Link href="/settings/account">Account settings</Link>.
      </p>
      <ActionForm action={saveMailSettingsAction} label="Mail settings" className="stack">
        {MAIL_KINDS.map((kind) => (
          <fieldset key={kind} className="field" data-testid={`kind-${kind}`}>
            <legend>{KIND_WORDS[kind].label}</legend>
            <p className="small muted">When: {KIND_WORDS[kind].description}.</p>
            {DELIVERIES.map((delivery) => (
              <label key={delivery} style={{ marginRight: "1.25rem" }}>
                <input type="radio" name={kind} value={delivery} defaultChecked={chosen[kind] === delivery} />{" "}
                {DELIVERY_WORDS[delivery]}
              </label>
            ))}
          </fieldset>
        ))}
        <div className="field">
          <label>
            <input type="checkbox" name="autoWatch" defaultChecked={settings.autoWatch} /> Watch the pages I edit,
            comment on or vote on
          </label>
        </div>
        <p className="small muted">
          A daily digest is one mail a day (after midnight UTC) with everything since the last.
        </p>
        <div>
          <button type="submit" className="button">
            Save mail settings
          </button>
        </div>
      </ActionForm>
    </>
  );
}
