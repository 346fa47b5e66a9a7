import Link from "next/link";
import type { AgreementRecord } from "@/lib/review/data";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const signed = (value: number) => (value > 0 ? `+${value}` : value < 0 ? `−${-value}` : "0");

function standingWords(a: AgreementRecord): string {
  if (a.endedBy) return `Ended: ${a.endedBy.kind} by ${a.endedBy.by}, ${dateFormat.format(a.endedBy.at)} UTC.`;
  return a.standing === "in force" ? "In force." : "Superseded by a later agreement.";
}

/** Every agreement recorded on the proposal, newest first: a superseded or ended one stays listed. */
export function AgreementHistory({ base, records }: { base: string; records: AgreementRecord[] }) {
  if (records.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="agreements-heading">
      <h2 id="agreements-heading">Agreements</h2>
      <ol className="small" data-testid="agreement-history">
        {records.map((a) => (
          <li key={a.id} data-standing={a.standing}>
            <Link href={`${base}/revisions/${a.revisionNumber}`}>Revision {a.revisionNumber}</Link> agreed{" "}
            {dateFormat.format(a.recordedAt)} UTC, recorded by {a.recordedBy}
            {a.votes.length ? (
              <> — votes: {a.votes.map((v) => `${v.voter} ${signed(v.value)}`).join(", ")}</>
            ) : null}. <strong>{standingWords(a)}</strong>
            {a.endedBy?.reason ? <> ({a.endedBy.reason})</> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
