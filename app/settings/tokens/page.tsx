import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { DataTable } from "@/components/data-table";
import { requireActor } from "@/lib/server/gate/page";
import { createApiTokenAction, revokeApiTokenAction } from "@/lib/tokens/actions";
import { listApiTokens } from "@/lib/tokens/tokens";
import { CreateTokenForm } from "./create-token-form";

export const metadata: Metadata = { title: "API tokens" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function TokensPage() {
  const actor = await requireActor({ action: "tokens.manage" });
  const tokens = await listApiTokens(actor.id);
  return (
    <>
      <h1>API tokens</h1>
      <p className="muted">
        Personal access tokens let scripts and CI jobs use the <Link href="/api">JSON API</Link> as you, with your role
        ({actor.role}). A token is shown once when you create it; only its hash is kept. Revoke any token you no longer
        use or that may have leaked.
      </p>
      <section className="panel" aria-labelledby="new-token-heading">
        <h2 id="new-token-heading">New token</h2>
        <CreateTokenForm action={createApiTokenAction} />
      </section>
      <h2>Your tokens</h2>
      {tokens.length ? (
        <DataTable
          label="Your API tokens"
          testId="tokens"
          columns={["Name", "Created (UTC)", "Last used (UTC)", "State"]}
        >
          {tokens.map((t) => (
            <tr key={t.id} data-testid={`token-${t.id}`}>
              <td>{t.name}</td>
              <td className="small nowrap">{when.format(t.createdAt)}</td>
              <td className="small nowrap">
                {t.lastUsedAt ? when.format(t.lastUsedAt) : <span className="muted">never</span>}
              </td>
              <td>
                {t.revokedAt ? (
                  <span className="badge unknown">revoked {when.format(t.revokedAt)}</span>
                ) : (
                  <ActionForm action={revokeApiTokenAction} label={`Revoke ${t.name}`}>
                    <input type="hidden" name="tokenId" value={t.id} />
                    <span className="badge safe">live</span>
                    <button type="submit" className="button small danger">
                      Revoke
                    </button>
                  </ActionForm>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p className="muted">You have no API tokens.</p>
      )}
    </>
  );
}
