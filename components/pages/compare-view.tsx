import Link from "next/link";
import { FieldsDiffView } from "@/components/diff/fields-diff";
import { TextDiff } from "@/components/diff/text-diff";
import { revisionDiffRowsHtml } from "@/lib/pages/diff-cache";
import type { Comparison } from "@/lib/pages/history";
import type { ExistingPage } from "@/lib/pages/refs";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function Side({ page, revision, label }: { page: ExistingPage; revision: Comparison["to"] | null; label: string }) {
  if (!revision)
    return (
      <div className="panel">
        <strong>{label}:</strong> <span className="muted">empty page</span>
      </div>
    );
  return (
    <div className="panel">
      <strong>{label}:</strong>{" "}
      <Link href={`${page.basePath}/revisions/${revision.number}`}>Revision {revision.number}</Link> by{" "}
      {revision.author.name}, {when.format(revision.createdAt)} UTC
      <br />
      <span className="small">{revision.summary || <span className="muted">no summary</span>}</span>
    </div>
  );
}

/** The diff between two revisions: structured fields first, then the prose, side by side or inline. */
export function CompareView({
  page,
  comparison,
  view,
  expanded,
}: {
  page: ExistingPage;
  comparison: Comparison;
  view: "side" | "inline";
  expanded: boolean;
}) {
  const { from, to, intermediate } = comparison;
  const query = (v: string, expand = expanded) =>
    `${page.basePath}/diff?${from ? `from=${from.number}&` : ""}to=${to.number}&view=${v}${expand ? "&expand=1" : ""}`;
  return (
    <>
      <div className="grid-2 halves">
        <Side page={page} revision={from} label="Old" />
        <Side page={page} revision={to} label="New" />
      </div>
      {intermediate.revisions > 0 ? (
        <p className="muted" data-testid="intermediate">
          ({intermediate.revisions} intermediate {intermediate.revisions === 1 ? "revision" : "revisions"} by{" "}
          {intermediate.users} {intermediate.users === 1 ? "user" : "users"} not shown)
        </p>
      ) : null}
      <h2>{page.kind === "needs" ? "Rows" : "Fields"}</h2>
      <FieldsDiffView diff={comparison.fields} />
      <div className="actions">
        <h2 style={{ marginRight: "auto" }}>Text</h2>
        <nav aria-label="Diff layout" className="actions small">
          {view === "side" ? (
            <strong aria-current="page">Side by side</strong>
          ) : (
            <Link href={query("side")}>Side by side</Link>
          )}
          {view === "inline" ? <strong aria-current="page">Inline</strong> : <Link href={query("inline")}>Inline</Link>}
        </nav>
      </div>
      <TextDiff
        rows={comparison.text}
        view={view}
        rowsHtml={revisionDiffRowsHtml(comparison, view, expanded ? undefined : query(view, true))}
      />
    </>
  );
}
