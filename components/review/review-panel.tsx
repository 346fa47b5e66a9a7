import { ActionForm } from "@/components/action-form";
import { SignInLink } from "@/components/sign-in-link";
import { VoteChips } from "@/components/review/vote-chips";
import { can, type Actor } from "@/lib/auth/permissions";
import type { Review } from "@/lib/review/data";
import { agreementAction, rejectAction, reopenAction, voteAction, withdrawAction } from "@/lib/review/actions";
import { describeRule } from "@/lib/review/rule";

const VALUES = [
  [2, "+2 agree"],
  [1, "+1 looks right"],
  [0, "0 no opinion"],
  [-1, "−1 prefer not as written"],
  [-2, "−2 must not be agreed (veto)"],
] as const;

/** Votes, the rule's state in words, and the review actions the actor may take. */
export function ReviewPanel({ review, actor }: { review: Review; actor: Actor | null }) {
  const { ref, current, state } = review;
  const mine = review.votes.find((v) => !v.stale && v.voter.id === actor?.id);
  const agreedHere = review.agreed?.number === current.number;
  const closed = review.status === "rejected" || review.status === "withdrawn";
  // An agreement in force: ending it (reject, withdraw) takes a reason.
  const agreement = review.agreed !== null;
  return (
    <section className="panel" aria-labelledby="votes-heading">
      <h2 id="votes-heading">Votes on revision {current.number}</h2>
      <p className={`notice ${state.met ? "ok" : "warn"}`} data-testid="rule-state">
        {agreedHere ? "Agreed at this revision." : state.words.charAt(0).toUpperCase() + state.words.slice(1) + "."}
      </p>
      <p className="small muted">Rule: {describeRule(review.rule)}</p>
      <VoteChips votes={review.votes} />
      {actor ? null : (
        <p className="small">
          <SignInLink /> to vote (maintainers).
        </p>
      )}
      {can(actor, { action: "vote.cast" }) && !closed ? (
        <ActionForm action={voteAction} label="Vote" className="stack">
          <input type="hidden" name="pageId" value={ref.pageId} />
          <input type="hidden" name="revisionId" value={current.id} />
          <fieldset className="vote-options">
            <legend>
              Your vote on revision {current.number}
              {mine ? ` (now ${mine.value > 0 ? "+" : ""}${mine.value})` : ""}
            </legend>
            {VALUES.map(([value, text]) => (
              <label key={value}>
                <input
                  type="radio"
                  name="value"
                  value={value}
                  defaultChecked={mine ? mine.value === value : value === 1}
                />{" "}
                {text}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="vote-comment">Comment (optional)</label>
            <input id="vote-comment" name="comment" defaultValue={mine?.comment ?? ""} />
          </div>
          <div>
            <button type="submit" className="button">
              Cast vote
            </button>
          </div>
        </ActionForm>
      ) : null}
      {can(actor, { action: "decision.record" }) && !closed ? (
        <div className="actions" style={{ marginTop: "1rem" }}>
          {agreedHere ? null : (
            <ActionForm action={agreementAction} label="Record agreement">
              <input type="hidden" name="pageId" value={ref.pageId} />
              <input type="hidden" name="revisionId" value={current.id} />
              <button type="submit" className="button" disabled={!state.met}>
                Record agreement
              </button>
            </ActionForm>
          )}
          <details>
            <summary>Reject…</summary>
            <ActionForm action={rejectAction} label="Reject" className="stack">
              <input type="hidden" name="pageId" value={ref.pageId} />
              <div className="field">
                <label htmlFor="reject-reason">Reason (required{agreement ? "; this ends the agreement" : ""})</label>
                <textarea id="reject-reason" name="reason" required />
              </div>
              <div>
                <button type="submit" className="button danger">
                  Reject the proposal
                </button>
              </div>
            </ActionForm>
          </details>
        </div>
      ) : null}
      {can(actor, { action: "proposal.withdraw", request: review.request }) && !closed ? (
        <details style={{ marginTop: "0.6rem" }}>
          <summary>Withdraw…</summary>
          <ActionForm action={withdrawAction} label="Withdraw" className="stack">
            <input type="hidden" name="pageId" value={ref.pageId} />
            <div className="field">
              <label htmlFor="withdraw-reason">
                {agreement ? "Reason (required: this ends the agreement, and the post says why)" : "Reason"}
              </label>
              <input id="withdraw-reason" name="reason" required={agreement} />
            </div>
            <div>
              <button type="submit" className="button secondary">
                Withdraw the proposal
              </button>
            </div>
          </ActionForm>
        </details>
      ) : null}
      {closed ? (
        <div className="stack small">
          <p>
            The proposal is {review.status}. Saving a new revision keeps it {review.status}; reviewing it again is an
            explicit decision.
          </p>
          {can(actor, { action: "proposal.reopen", request: review.request }) ? (
            <ActionForm action={reopenAction} label="Reopen" className="stack">
              <input type="hidden" name="pageId" value={ref.pageId} />
              <div className="field">
                <label htmlFor="reopen-reason">Why reopen it (optional)</label>
                <input id="reopen-reason" name="reason" />
              </div>
              <div>
                <button type="submit" className="button secondary">
                  Reopen for review
                </button>
              </div>
            </ActionForm>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
