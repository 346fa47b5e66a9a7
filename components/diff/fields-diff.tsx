import type { FieldsDiff, NeedsDiff } from "@/lib/pages/diff";
import type { NeedRow } from "@/lib/pages/fields";

const show = (value: string) => (value === "" ? <em className="muted">empty</em> : value);

function NeedsRowsDiff({ needs }: { needs: NeedsDiff }) {
  const nothing = !needs.added.length && !needs.removed.length && !needs.changed.length && !needs.reordered;
  if (nothing) return <p className="muted">The rows are the same.</p>;
  const describe = (row: NeedRow) => [row.priority, row.context, row.rationale].filter(Boolean).join(" — ");
  return (
    <ul className="field-changes" data-testid="needs-diff">
      {needs.added.map((row) => (
        <li key={`a-${row.function}`} className="added" data-change="added">
          <strong>Added</strong> <code>{row.function}</code>: {describe(row)}
        </li>
      ))}
      {needs.removed.map((row) => (
        <li key={`r-${row.function}`} className="removed" data-change="removed">
          <strong>Removed</strong> <code>{row.function}</code>: {describe(row)}
        </li>
      ))}
      {needs.changed.map((row) =>
        row.changes.map((c) => (
          <li key={`c-${row.function}-${c.field}`} data-change={`${c.field} changed`}>
            <code>{row.function}</code> {c.field}: <del>{show(c.from)}</del> → <ins>{show(c.to)}</ins>
          </li>
        )),
      )}
      {needs.reordered ? <li data-change="reordered">Rows reordered.</li> : null}
    </ul>
  );
}

/** Structured fields compared as fields ("AS-safety: unknown → AS-unsafe") or needs rows. */
export function FieldsDiffView({ diff }: { diff: FieldsDiff }) {
  if (diff.kind === "needs") return <NeedsRowsDiff needs={diff.needs} />;
  if (!diff.changes.length) return <p className="muted">The fields are the same.</p>;
  return (
    <ul className="field-changes" data-testid="fields-diff">
      {diff.changes.map((c) => (
        <li key={c.field}>
          {c.field}: <del>{show(c.from)}</del> → <ins>{show(c.to)}</ins>
        </li>
      ))}
    </ul>
  );
}
