import { Children, type CSSProperties, type ReactNode } from "react";

/**
 * The site's one table of records: a header row of column names over the rows the caller renders.
 * The table scrolls inside its own box, so that a wide one never makes the page wider than a phone's
 * screen; with no rows and an `empty` sentence, the sentence is shown instead of a table of headers.
 */
export function DataTable({
  columns,
  className,
  label,
  labelledBy,
  testId,
  style,
  empty,
  children,
}: {
  columns: readonly ReactNode[];
  className?: string;
  label?: string;
  labelledBy?: string;
  testId?: string;
  style?: CSSProperties;
  empty?: ReactNode;
  children: ReactNode;
}) {
  if (empty !== undefined && Children.count(children) === 0) {
    return (
      <p className="muted empty-list" data-testid={testId ? `${testId}-empty` : "empty-list"} style={style}>
        {empty}
      </p>
    );
  }
  return (
    // Focusable, so that a keyboard can scroll a table wider than its box; named after the table it holds.
    <div
      className="table-scroll"
      style={style}
      tabIndex={0}
      role={label || labelledBy ? "region" : undefined}
      aria-label={label}
      aria-labelledby={labelledBy}
    >
      <table
        className={className ? `data ${className}` : "data"}
        aria-label={label}
        aria-labelledby={labelledBy}
        data-testid={testId}
      >
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
