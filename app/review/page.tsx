import type { Metadata } from "next";
import Link from "next/link";
import { FilterForm, projectOptions, SelectField } from "@/components/filter-form";
import { requireActor } from "@/lib/server/gate/page";
import { listProjects } from "@/lib/projects/data";
import { reviewDashboard, type OpenProposal } from "@/lib/review/dashboard";

export const metadata: Metadata = { title: "Review" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

function Queue({ id, title, items, empty }: { id: string; title: string; items: OpenProposal[]; empty: string }) {
  return (
    <section className="panel" aria-labelledby={id} data-testid={id}>
      <h2 id={id}>
        {title} <span className="badge unknown">{items.length}</span>
      </h2>
      {items.length ? (
        <ul>
          {items.map((p) => (
            <li key={p.name}>
              <Link href={`/functions/${encodeURIComponent(p.name)}/review`} className="mono">
                {p.name}
              </Link>{" "}
              <span className="small muted">
                revision {p.revisionNumber} · {p.approvals} at +1 or more, {p.strongApprovals} at +2
                {p.vetoes ? `, ${p.vetoes} veto` : ""}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{empty}</p>
      )}
    </section>
  );
}

export default async function ReviewDashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor({ action: "vote.cast" });
  const raw = (await searchParams).project;
  const project = typeof raw === "string" && /^[a-z0-9][a-z0-9-]*$/.test(raw) ? raw : undefined;
  const [dashboard, projects] = await Promise.all([reviewDashboard(actor.id, project), listProjects()]);
  const projectChoices = projectOptions(projects);
  return (
    <>
      <h1>Review</h1>
      <FilterForm action="/review" label="Filter the review queue">
        <SelectField label="Needed by" name="project" value={project} anyLabel="any project" options={projectChoices} />
      </FilterForm>
      <div className="grid-2 halves">
        <Queue
          id="awaiting"
          title="Awaiting my vote"
          items={dashboard.awaitingMyVote}
          empty="Nothing awaits your vote."
        />
        <Queue
          id="ready"
          title="Ready to record"
          items={dashboard.readyToRecord}
          empty="No proposal meets the rule yet."
        />
        <Queue id="vetoed" title="Vetoed" items={dashboard.vetoed} empty="No current revision has a −2." />
        <section className="panel" aria-labelledby="agreed" data-testid="agreed">
          <h2 id="agreed">
            Recently agreed <span className="badge unknown">{dashboard.recentlyAgreed.length}</span>
          </h2>
          {dashboard.recentlyAgreed.length ? (
            <ul>
              {dashboard.recentlyAgreed.map((a) => (
                <li key={`${a.name}-${a.revisionNumber}`}>
                  <Link href={`/functions/${encodeURIComponent(a.name)}`} className="mono">
                    {a.name}
                  </Link>{" "}
                  <span className="small muted">
                    revision {a.revisionNumber}, by {a.by}, {when.format(a.at)}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">Nothing agreed yet.</p>
          )}
        </section>
      </div>
    </>
  );
}
