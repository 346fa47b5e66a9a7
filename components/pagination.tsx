import Link from "next/link";
import type { ReactNode } from "react";

/** Links to the pages either side of this one; a side without a page (null) gets no link. */
export function Pagination({
  previous,
  next,
  previousLabel = "← Previous",
  nextLabel = "Next →",
  children,
}: {
  previous: string | null;
  next: string | null;
  previousLabel?: string;
  nextLabel?: string;
  children?: ReactNode;
}) {
  return (
    <nav className="pagination" aria-label="Pages">
      {previous === null ? null : (
        <Link href={previous} rel="prev">
          {previousLabel}
        </Link>
      )}
      {children}
      {next === null ? null : (
        <Link href={next} rel="next">
          {nextLabel}
        </Link>
      )}
    </nav>
  );
}
