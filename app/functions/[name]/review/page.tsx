import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/badges";
import { FieldsDiffView } from "@/components/diff/fields-diff";
import { TextDiff } from "@/components/diff/text-diff";
import { Discussion } from "@/components/discussion";
import { ReviewPanel } from "@/components/review/review-panel";
import { ReachabilityFlag } from "@/components/review/reachability-flag";
import { currentActor } from "@/lib/auth/session";
import { evidenceAgreement, getFunctionEvidence } from "@/lib/evidence/data";
import { describeEvidence } from "@/lib/evidence/describe";
import { revisionDiffRowsHtml } from "@/lib/pages/diff-cache";
import { getReview } from "@/lib/review/data";

type Props = {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Review of ${decodeURIComponent((await params).name)}` };
}

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function ReviewPage({ params, searchParams }: Props) {
  const name = decodeURIComponent((await params).name);
  const search = await searchParams;
  const expanded = search.expand === "1";
  const [review, evidence, actor] = await Promise.all([
    getReview(name, undefined, { expand: expanded }),
    getFunctionEvidence(name),
    currentActor(),
  ]);
  if (!review) notFound();
  const { ref, current, agreed, comparison } = review;
  // The function's estimate is that of the current revision, the one under review.
  const ev = evidence?.current ?? null;
  const agreement = evidenceAgreement(evidence?.estimateKind, ev);
  const view = search.view === "inline" ? "inline" : "side";
  return (
    <>
      <p className="muted small">
        <Link href={ref.basePath}>{ref.title}</Link> / review
      </p>
      <h1>
        Review of <code>{ref.title}</code> <StatusBadge status={review.status} />
      </h1>
      <p>
        {agreed ? (
          <>
            Changes since the agreed revision {agreed.number} (agreed {when.format(agreed.createdAt)} UTC) up to
            revision {current.number}.
          </>
        ) : (
          <>Nothing is agreed yet: the whole proposal as of revision {current.number}.</>
        )}{" "}
        Revision {current.number} by {current.author.name}
        {current.summary ? (
          <>
            : <em>{current.summary}</em>
          </>
        ) : null}
        .
      </p>
      {agreement.disagrees && ev ? (
        <div className="notice warn" role="note" data-testid="evidence-disagrees">
          <strong>The estimate disagrees with glibc&apos;s source.</strong> Revision {current.number} says{" "}
          {evidence?.estimateKind}; for {ev.target} the source shows {describeEvidence(ev)}. {agreement.reason}{" "}
          <Link href={`${ref.basePath}#evidence-heading`}>See the evidence</Link>.
        </div>
      ) : null}
      <ReachabilityFlag name={name} fields={current.fields} base={ref.basePath} />
      <div className="grid-2">
        <div>
          <section className="panel" aria-labelledby="changes-heading">
            <h2 id="changes-heading">{agreed ? "Changes since agreement" : "Proposal"}</h2>
            {comparison.intermediate.revisions > 0 ? (
              <p className="muted small">
                ({comparison.intermediate.revisions} intermediate revisions by {comparison.intermediate.users} users
                folded into this diff)
              </p>
            ) : null}
            <h3>Fields</h3>
            <FieldsDiffView diff={comparison.fields} />
            <div className="actions">
              <h3 style={{ marginRight: "auto" }}>Text</h3>
              <nav className="actions small" aria-label="Diff layout">
                {view === "side" ? (
                  <strong aria-current="page">Side by side</strong>
                ) : (
                  <Link href={`${ref.basePath}/review?view=side`}>Side by side</Link>
                )}
                {view === "inline" ? (
                  <strong aria-current="page">Inline</strong>
                ) : (
                  <Link href={`${ref.basePath}/review?view=inline`}>Inline</Link>
                )}
              </nav>
            </div>
            <TextDiff
              rows={comparison.text}
              view={view}
              rowsHtml={revisionDiffRowsHtml(
                comparison,
                view,
                expanded ? undefined : `${ref.basePath}/review?view=${view}&expand=1`,
              )}
            />
          </section>
          <Discussion pageId={ref.pageId} actor={actor} />
        </div>
        <aside>
          <ReviewPanel review={review} actor={actor} />
          {review.decisions.length ? (
            <section className="panel" aria-labelledby="decisions-heading">
              <h2 id="decisions-heading">Decisions</h2>
              <ul className="small" data-testid="decisions">
                {review.decisions.map((d) => (
                  <li key={d.id}>
                    {d.kind} at revision {d.revision.number} by {d.actor.name}, {when.format(d.createdAt)} UTC
                    {d.reason ? `: ${d.reason}` : ""}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </aside>
      </div>
    </>
  );
}
