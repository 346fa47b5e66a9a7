import type { CSSProperties, ReactNode } from "react";

/** The site's one table of records: a header row of column names over the rows the caller renders. */
export function DataTable({
  columns,
  className,
  label,
  labelledBy,
  testId,
  style,
  children,
}: {
  columns: readonly ReactNode[];
  className?: string;
  label?: string;
  labelledBy?: string;
  testId?: string;
  style?: CSSProperties;
  children: ReactNode;
}) {
  return (
    <table
      className={className ? `data ${className}` : "data"}
      aria-label={label}
      aria-labelledby={labelledBy}
      data-testid={testId}
      style={style}
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
  );
}
