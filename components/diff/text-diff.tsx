import type { ReactNode } from "react";
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

function DiffTable({ view, headers, children }: { view: "side" | "inline"; headers: string[]; children: ReactNode }) {
  return (
    <table className={`diff-table ${view}`} data-testid="text-diff" data-view={view}>
      <thead className="sr-only">
        <tr>
          {headers.map((header) => (
            <th key={header}>{header}</th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
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
      <DiffTable view="side" headers={["Old line", "Old text", "New line", "New text"]}>
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
      </DiffTable>
    );
  }
  return (
    <DiffTable view="inline" headers={["Old line", "New line", "Text"]}>
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
    </DiffTable>
  );
}
