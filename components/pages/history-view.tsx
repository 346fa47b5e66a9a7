import Link from "next/link";
import { DataTable } from "@/components/data-table";
import type { listRevisions } from "@/lib/pages/history";
import type { ExistingPage } from "@/lib/pages/refs";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

type Revisions = Awaited<ReturnType<typeof listRevisions>>;

function SizeChange({ change }: { change: number | null }) {
  if (change === null) return null;
  const cls = change > 0 ? "ok" : change < 0 ? "bad" : "";
  return (
    <span className={`small size-change ${cls}`}>
      ({change > 0 ? "+" : ""}
      {change.toLocaleString("en")})
    </span>
  );
}

/** MediaWiki-style history: pick any two revisions to compare, or follow "prev" and "cur". */
export function HistoryView({
  page,
  history,
  currentNumber,
}: {
  page: ExistingPage;
  history: Revisions;
  currentNumber: number;
}) {
  const { revisions } = history;
  return (
    <form method="get" action={`${page.basePath}/diff`} aria-label="Compare revisions">
      <p className="small muted">
        Select two revisions with the radio buttons and compare them; &ldquo;prev&rdquo; shows a revision&apos;s own
        change, &ldquo;cur&rdquo; the change from it to the current revision.
      </p>
      <DataTable className="history" testId="history" columns={["Compare", "Revision", "Author", "Size", "Summary"]}>
        {revisions.map((r, i) => (
          <tr key={r.id} data-testid={`revision-${r.number}`}>
            <td className="nowrap">
              {r.number < currentNumber ? (
                <Link href={`${page.basePath}/diff?from=${r.number}&to=${currentNumber}`}>cur</Link>
              ) : (
                <span className="muted">cur</span>
              )}
              {" | "}
              {r.number > 1 ? (
                <Link href={`${page.basePath}/diff?from=${r.number - 1}&to=${r.number}`}>prev</Link>
              ) : (
                <span className="muted">prev</span>
              )}{" "}
              <input
                type="radio"
                name="from"
                value={r.number}
                defaultChecked={i === 1 || (revisions.length === 1 && i === 0)}
                aria-label={`Compare from revision ${r.number}`}
              />
              <input
                type="radio"
                name="to"
                value={r.number}
                defaultChecked={i === 0}
                aria-label={`Compare to revision ${r.number}`}
              />
            </td>
            <td className="nowrap">
              <Link href={`${page.basePath}/revisions/${r.number}`}>Revision {r.number}</Link>
              <br />
              <time className="small muted" dateTime={r.createdAt.toISOString()}>
                {when.format(r.createdAt)} UTC
              </time>
            </td>
            <td>{r.author.name}</td>
            <td>
              <SizeChange change={r.sizeChange} />
            </td>
            <td className="small">{r.summary || <span className="muted">no summary</span>}</td>
          </tr>
        ))}
      </DataTable>
      <div className="actions" style={{ marginTop: "0.8rem" }}>
        <button type="submit" className="button">
          Compare selected revisions
        </button>
        {history.newer ? (
          <Link href={`${page.basePath}/history${history.newer.before ? `?before=${history.newer.before}` : ""}`}>
            ← Newer revisions
          </Link>
        ) : null}
        {history.nextBefore ? (
          <Link href={`${page.basePath}/history?before=${history.nextBefore}`}>Older revisions →</Link>
        ) : null}
      </div>
    </form>
  );
}
