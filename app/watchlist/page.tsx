import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { DataTable } from "@/components/data-table";
import { requireActor } from "@/lib/server/gate/page";
import { itemPath, itemTitle } from "@/lib/recent/data";
import { createFeedTokenAction, markAllSeenAction, revokeFeedTokenAction } from "@/lib/watch/actions";
import { hasFeedToken, watchlistChanges } from "@/lib/watch/data";

export const metadata: Metadata = { title: "Watchlist" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function WatchlistPage() {
  const actor = await requireActor();
  const [{ pages, items }, feed] = await Promise.all([watchlistChanges(actor.id), hasFeedToken(actor.id)]);
  const unseen = items.filter((i) => i.unseen).length;
  return (
    <>
      <h1>Watchlist</h1>
      <p className="muted">
        Changes to the {pages} {pages === 1 ? "page" : "pages"} you watch.{" "}
        {unseen ? <strong>{unseen} since your last visit.</strong> : "Nothing new since your last visit."} Watch a page
        with the &ldquo;Watch&rdquo; button on it.
      </p>
      <ActionForm action={markAllSeenAction} label="Mark all as seen">
        <button type="submit" className="button secondary small">
          Mark all as seen
        </button>
      </ActionForm>
      {items.length ? (
        <DataTable
          label="Watched changes"
          testId="watchlist"
          style={{ marginTop: "1rem" }}
          columns={["When (UTC)", "Page", "Who", "What"]}
        >
          {items.map((item) => (
            <tr
              key={`${item.kind}-${item.id}`}
              className={item.unseen ? "unseen" : ""}
              data-unseen={item.unseen ? "true" : "false"}
            >
              <td className="small nowrap">
                {when.format(item.at)}
                {item.unseen ? (
                  <span className="badge priority-required" style={{ marginLeft: "0.4rem" }}>
                    new
                  </span>
                ) : null}
              </td>
              <td>
                <Link href={itemPath(item)}>{itemTitle(item)}</Link>
              </td>
              <td>{item.userName}</td>
              <td className="small">
                {item.kind}
                {item.revisionNumber ? ` · revision ${item.revisionNumber}` : ""}
                {item.detail ? ` · ${item.detail}` : ""}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p className="muted">No changes on watched pages yet.</p>
      )}
      <section className="panel" aria-labelledby="feed-heading" style={{ marginTop: "1rem" }}>
        <h2 id="feed-heading">Personal Atom feed</h2>
        <p className="small">
          A secret URL that shows this watchlist in a feed reader without signing in. Anyone with the URL can read it;
          revoke it if it leaks.
        </p>
        <div className="actions">
          <ActionForm action={createFeedTokenAction} label="Create feed URL">
            <button type="submit" className="button small">
              {feed ? "Replace the feed URL" : "Create a feed URL"}
            </button>
          </ActionForm>
          {feed ? (
            <ActionForm action={revokeFeedTokenAction} label="Revoke feed URL">
              <button type="submit" className="button small danger">
                Revoke
              </button>
            </ActionForm>
          ) : null}
        </div>
      </section>
    </>
  );
}
