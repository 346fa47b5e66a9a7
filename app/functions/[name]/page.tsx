import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Fragment } from "react";
import { EstimateBadge, PriorityBadge, StatusBadge } from "@/components/badges";
import { DataTable } from "@/components/data-table";
import { RevisionProse } from "@/components/revision-prose";
import { SafetyLegend, SafetyLine } from "@/components/safety-annotation";
import { glibcSourceUrl, GLIBC_MANUAL_INDEX_URL, SIGNAL_SAFETY_MAN_URL, posixSince } from "@/lib/reference/links";
import { formatSafety } from "@/lib/reference/format";
import { Discussion } from "@/components/discussion";
import { SignInLink } from "@/components/sign-in-link";
import { WatchButton } from "@/components/watch-button";
import { MarkSeen } from "@/components/mark-seen";
import { isWatching } from "@/lib/watch/data";
import { can } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";
import { getFunctionPage } from "@/lib/functions/data";
import { evidenceAgreement, getFunctionEvidence } from "@/lib/evidence/data";
import { describeEvidence, evidenceSentence, glibcBlobUrl } from "@/lib/evidence/describe";
import { proposalFieldsSchema } from "@/lib/pages/fields";
import { hasPendingChanges } from "@/lib/functions/status";
import { agreementHistory } from "@/lib/review/data";
import { AgreementHistory } from "@/components/functions/agreement-history";
import { ProposalBanner } from "@/components/functions/proposal-banner";
import { ReachabilityPanel } from "@/components/functions/reachability-panel";

type Params = {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { name } = await params;
  return { title: decodeURIComponent(name) };
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export default async function FunctionPage({ params, searchParams }: Params) {
  const name = decodeURIComponent((await params).name);
  const [fn, evidence, actor, search] = await Promise.all([
    getFunctionPage(name),
    getFunctionEvidence(name),
    currentActor(),
    searchParams,
  ]);
  if (!fn || !evidence) notFound();
  const agreements = fn.page ? await agreementHistory(fn.page.id) : [];
  const base = `/functions/${encodeURIComponent(fn.name)}`;
  const watching = actor && fn.page ? await isWatching(actor.id, fn.page.id) : false;
  const current = fn.page?.currentRevision ?? null;
  // An agreement ended by a rejection or withdrawal no longer stands; the page shows the current revision.
  const agreed = fn.status === "agreed" ? (fn.page?.agreedRevision ?? null) : null;
  const pending = hasPendingChanges(fn.status, fn.page);
  // Readers see the agreed revision by default; the pending one is a click away.
  const showPending = search.rev === "current";
  const revision = pending && !showPending ? agreed : current;
  const fields = revision ? proposalFieldsSchema.safeParse(revision.fields) : null;
  const proposal = fields?.success ? fields.data : null;
  const glibc = fn.glibcAnnotation;
  const posix = fn.posixEntry;
  const ev = evidence.current;
  // The estimate shown on this page (agreed or pending revision) against the current evidence.
  const agreement = evidenceAgreement(proposal?.implementationKind, ev);
  const canSuggest = can(actor, { action: "proposal.suggest" });
  return (
    <>
      <p className="muted small">
        <Link href="/functions">Functions</Link> /
      </p>
      <h1>
        <code>{fn.name}</code> <StatusBadge status={fn.status} pending={pending} />
      </h1>
      {search.merged ? (
        <div className="notice ok" role="status">
          Your edit was merged with a change saved meanwhile by someone else; both are kept.
        </div>
      ) : null}
      <ProposalBanner base={base} agreed={agreed} current={current} showPending={showPending} />
      <nav className="actions page-tabs" aria-label="Page tools">
        {canSuggest ? (
          <Link className="button small" href={`${base}/edit`}>
            {revision ? "Edit proposal" : "Start a proposal"}
          </Link>
        ) : actor ? null : (
          <span>
            <SignInLink /> to edit
          </span>
        )}
        {current ? <Link href={`${base}/review`}>Review</Link> : null}
        {fn.page ? <Link href={`${base}/history`}>History</Link> : null}
        {fn.page ? <Link href="#discussion">Discussion</Link> : null}
        {actor && fn.page ? <WatchButton pageId={fn.page.id} watching={watching} /> : null}
        {watching && fn.page ? <MarkSeen pageId={fn.page.id} /> : null}
      </nav>
      <div className="grid-2">
        <div>
          <section className="panel" aria-labelledby="proposal-heading">
            <h2 id="proposal-heading">Requested guarantee and estimate</h2>
            {proposal && revision ? (
              <>
                <dl className="facts">
                  <dt>Guarantee</dt>
                  <dd data-testid="guarantee">{proposal.guarantee}</dd>
                  <dt>Implementation</dt>
                  <dd data-testid="implementation-kind">
                    {proposal.implementationKind}
                    {proposal.implementationNote ? `, ${proposal.implementationNote}` : ""}
                  </dd>
                  <dt>AS-safety estimate</dt>
                  <dd data-testid="as-safety-estimate">
                    <EstimateBadge value={proposal.asSafety} />
                  </dd>
                </dl>
                {agreement.disagrees && ev ? (
                  <div className="notice warn evidence-disagrees" role="note" data-testid="evidence-disagrees">
                    <strong>The estimate disagrees with glibc&apos;s source.</strong> The estimate says{" "}
                    {proposal.implementationKind}; for {ev.target} the source shows {describeEvidence(ev)}.{" "}
                    {agreement.reason} <a href="#evidence-heading">See the evidence</a>.
                  </div>
                ) : null}
                <RevisionProse revision={revision} />
                <p className="muted small" data-testid="shown-revision">
                  Revision {revision.number} by {revision.author.name}, {dateFormat.format(revision.createdAt)}
                  {revision.summary ? (
                    <>
                      {" "}
                      — <em>{revision.summary}</em>
                    </>
                  ) : null}
                </p>
              </>
            ) : (
              <p className="muted">Nobody has proposed a guarantee for this function yet.</p>
            )}
          </section>
          <section className="panel" aria-labelledby="needed-heading">
            <h2 id="needed-heading">Projects that need it</h2>
            {fn.needs.length ? (
              <DataTable labelledBy="needed-heading" columns={["Project", "Priority", "Context and rationale"]}>
                {fn.needs.map((need) => (
                  <tr key={need.project.slug}>
                    <td>
                      <Link href={`/projects/${need.project.slug}`}>{need.project.name}</Link>
                    </td>
                    <td>
                      <PriorityBadge priority={need.priority} />
                    </td>
                    <td>
                      {[need.context, need.rationale].filter(Boolean).join(" — ") || <span className="muted">—</span>}
                    </td>
                  </tr>
                ))}
              </DataTable>
            ) : (
              <p className="muted">No project has listed it.</p>
            )}
          </section>
          <AgreementHistory base={base} records={agreements} />
          {fn.page ? <Discussion pageId={fn.page.id} actor={actor} /> : null}
        </div>
        <aside>
          <section className="panel evidence-panel" aria-labelledby="evidence-heading">
            <h2 id="evidence-heading">Implementation in glibc&apos;s source</h2>
            {ev ? (
              <>
                <p data-testid="evidence">
                  {evidenceSentence(fn.name, ev).map((part, i) =>
                    "text" in part ? (
                      <Fragment key={i}>{part.text}</Fragment>
                    ) : "code" in part ? (
                      <code key={i}>{part.code}</code>
                    ) : (
                      <a
                        key={i}
                        href={glibcBlobUrl(part.file, ev.import.source, part.line)}
                        className="mono"
                        rel="noopener noreferrer"
                      >
                        {part.file}
                        {part.line ? `:${part.line}` : ""}
                      </a>
                    ),
                  )}
                  .
                </p>
                <p className="small muted" data-testid="evidence-target">
                  Target <code>{ev.target}</code>. Read from {ev.import.source}, imported{" "}
                  {dateFormat.format(ev.import.createdAt)}.
                </p>
                {canSuggest ? (
                  <p>
                    <Link className="button small secondary" href={`${base}/edit?from=evidence`}>
                      Start the estimate from the evidence
                    </Link>
                  </p>
                ) : null}
              </>
            ) : (
              <p className="muted" data-testid="evidence-none">
                No implementation evidence has been imported from glibc&apos;s source yet.
              </p>
            )}
            {evidence.earlier.length ? (
              <details data-testid="evidence-history">
                <summary className="small">Earlier evidence</summary>
                <ul className="small">
                  {evidence.earlier.map((e) => (
                    <li key={e.id}>
                      {describeEvidence(e)} ({e.target}) — {e.import.source}, imported{" "}
                      {dateFormat.format(e.import.createdAt)}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </section>
          <ReachabilityPanel name={fn.name} />
          <section className="panel" aria-labelledby="glibc-heading">
            <h2 id="glibc-heading">glibc manual</h2>
            {glibc ? (
              <>
                <p>
                  <SafetyLine annotation={glibc} />
                </p>
                <details>
                  <summary className="small">What the keywords mean</summary>
                  <SafetyLegend annotation={glibc} />
                </details>
                <p className="small muted">
                  {glibc.preliminary ? "Preliminary. " : ""}Declared as a {glibc.declaredAs} in{" "}
                  <a href={glibcSourceUrl(glibc.import.source, glibc.texiFile, glibc.line)} rel="noopener noreferrer">
                    manual/{glibc.texiFile} line {glibc.line}
                  </a>
                  . Source: {glibc.import.source}, imported {dateFormat.format(glibc.import.createdAt)}.{" "}
                  <a href={GLIBC_MANUAL_INDEX_URL} rel="noopener noreferrer">
                    The glibc manual
                  </a>
                  .
                </p>
              </>
            ) : (
              <p className="muted">The glibc manual gives no safety annotation for this name.</p>
            )}
            {fn.glibcHistory.filter((a) => a.id !== glibc?.id).length ? (
              <details data-testid="glibc-history">
                <summary className="small">Earlier annotations</summary>
                <ul className="small">
                  {fn.glibcHistory
                    .filter((a) => a.id !== glibc?.id)
                    .map((a) => (
                      <li key={a.id}>
                        <span className="safety">{formatSafety(a)}</span> — {a.import.source}, imported{" "}
                        {dateFormat.format(a.import.createdAt)}
                      </li>
                    ))}
                </ul>
              </details>
            ) : null}
          </section>
          <section className="panel" aria-labelledby="posix-heading">
            <h2 id="posix-heading">POSIX async-signal-safe list</h2>
            {posix ? (
              <>
                <p data-testid="posix-status">
                  {posix.status === "listed"
                    ? `Listed as async-signal-safe ${posixSince(posix.note)}.`
                    : `Removed from the list${posix.note ? ` (${posix.note})` : ""}.`}
                </p>
                {posix.remark ? <p className="small">{posix.remark}</p> : null}
                <p className="small muted">
                  Source: {posix.import.source}, imported {dateFormat.format(posix.import.createdAt)}.{" "}
                  <a href={SIGNAL_SAFETY_MAN_URL} rel="noopener noreferrer">
                    signal-safety(7)
                  </a>
                </p>
              </>
            ) : (
              <>
                <p className="muted" data-testid="posix-status">
                  Not in the POSIX async-signal-safe list.
                </p>
                <p className="small muted">
                  <a href={SIGNAL_SAFETY_MAN_URL} rel="noopener noreferrer">
                    signal-safety(7)
                  </a>
                </p>
              </>
            )}
          </section>
        </aside>
      </div>
    </>
  );
}
