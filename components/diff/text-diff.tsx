import type { DiffRow, Segment } from "@/lib/pages/diff";

function Segments({ segments, mark }: { segments: Segment[]; mark: "del" | "ins" }) {
  const Tag = mark;
  return <>{segments.map((s, i) => (s.changed ? <Tag key={i}>{s.text}</Tag> : <span key={i}>{s.text}</span>))}</>;
}

function Collapsed({
  row,
  columns,
  view,
  expandHref,
}: {
  row: Extract<DiffRow, { kind: "collapsed" }>;
  columns: number;
  view: "side" | "inline";
  expandHref?: string;
}) {
  // On server-rendered pages the hidden lines are not sent at all: a link asks for the full diff.
  if (expandHref) {
    return (
      <tr className="diff-collapsed">
        <td colSpan={columns}>
          <a href={expandHref}>
            Show {row.lines.length} unchanged lines (from line {row.oldNo})
          </a>
        </td>
      </tr>
    );
  }
  return (
    <tr className="diff-collapsed">
      <td colSpan={columns}>
        <details>
          <summary>
            {row.lines.length} unchanged lines (from line {row.oldNo})
          </summary>
          <table className="diff-table">
            <tbody>
              {row.lines.map((line) => (
                <tr key={line.oldNo}>
                  <td className="ln">{line.oldNo}</td>
                  {view === "side" ? <td className="code">{line.text}</td> : null}
                  <td className="ln">{line.newNo}</td>
                  <td className="code">{line.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </td>
    </tr>
  );
}

/** A prose diff, side by side or inline; words changed within a line are marked with <del> and <ins>. */
export function TextDiff({
  rows,
  view,
  expandHref,
}: {
  rows: DiffRow[];
  view: "side" | "inline";
  expandHref?: string;
}) {
  if (!rows.some((r) => r.kind === "change")) return <p className="muted">The text is the same.</p>;
  if (view === "side") {
    return (
      <table className="diff-table side" data-testid="text-diff" data-view="side">
        <thead className="sr-only">
          <tr>
            <th>Old line</th>
            <th>Old text</th>
            <th>New line</th>
            <th>New text</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) =>
            row.kind === "collapsed" ? (
              <Collapsed key={i} row={row} columns={4} view="side" expandHref={expandHref} />
            ) : row.kind === "same" ? (
              <tr key={i}>
                <td className="ln">{row.oldNo}</td>
                <td className="code">{row.text}</td>
                <td className="ln">{row.newNo}</td>
                <td className="code">{row.text}</td>
              </tr>
            ) : (
              <tr key={i}>
                <td className="ln">{row.oldNo ?? ""}</td>
                <td className={`code ${row.old ? "removed" : "empty"}`}>
                  {row.old ? <Segments segments={row.old} mark="del" /> : null}
                </td>
                <td className="ln">{row.newNo ?? ""}</td>
                <td className={`code ${row.new ? "added" : "empty"}`}>
                  {row.new ? <Segments segments={row.new} mark="ins" /> : null}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    );
  }
  return (
    <table className="diff-table inline" data-testid="text-diff" data-view="inline">
      <thead className="sr-only">
        <tr>
          <th>Old line</th>
          <th>New line</th>
          <th>Text</th>
        </tr>
      </thead>
      <tbody>
        {rows.flatMap((row, i) => {
          if (row.kind === "collapsed")
            return [<Collapsed key={i} row={row} columns={3} view="inline" expandHref={expandHref} />];
          if (row.kind === "same")
            return [
              <tr key={i}>
                <td className="ln">{row.oldNo}</td>
                <td className="ln">{row.newNo}</td>
                <td className="code">{row.text}</td>
              </tr>,
            ];
          const out = [];
          if (row.old)
            out.push(
              <tr key={`${i}-old`}>
                <td className="ln">{row.oldNo}</td>
                <td className="ln" />
                <td className="code removed">
                  <span className="sr-only">removed: </span>
                  <Segments segments={row.old} mark="del" />
                </td>
              </tr>,
            );
          if (row.new)
            out.push(
              <tr key={`${i}-new`}>
                <td className="ln" />
                <td className="ln">{row.newNo}</td>
                <td className="code added">
                  <span className="sr-only">added: </span>
                  <Segments segments={row.new} mark="ins" />
                </td>
              </tr>,
            );
          return out;
        })}
      </tbody>
    </table>
  );
}
