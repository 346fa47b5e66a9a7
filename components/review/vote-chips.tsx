import type { Review } from "@/lib/review/data";

const label = (value: number) => (value > 0 ? `+${value}` : value < 0 ? `−${-value}` : "0");

/** Votes as chips; votes on earlier revisions are shown greyed as stale and are not counted. */
export function VoteChips({ votes }: { votes: Review["votes"] }) {
  if (!votes.length) return <p className="muted">No votes yet.</p>;
  return (
    <ul className="vote-chips" data-testid="votes">
      {votes.map((v) => (
        <li
          key={v.id}
          className={`vote-chip v${v.value < 0 ? `m${-v.value}` : v.value}${v.stale ? " stale" : ""}`}
          data-stale={v.stale ? "true" : "false"}
          data-voter={v.voter.name}
        >
          <strong>{label(v.value)}</strong> {v.voter.name}
          <span className="small">
            {" "}
            · revision {v.revision.number}
            {v.stale ? " (stale, not counted)" : ""}
          </span>
          {v.comment ? <span className="small">: {v.comment}</span> : null}
        </li>
      ))}
    </ul>
  );
}
