import { db, type DbClient } from "@/lib/db";

export const COVERAGE_STATES = ["posix", "agreed", "review", "unknown", "rejected"] as const;
export type CoverageState = (typeof COVERAGE_STATES)[number];

export const COVERAGE_LABELS: Record<CoverageState, string> = {
  posix: "already guaranteed by POSIX",
  agreed: "agreed here",
  review: "under review",
  unknown: "unknown",
  rejected: "rejected",
};

export type Coverage = Record<CoverageState, number> & { total: number };

const empty = (): Coverage => ({ posix: 0, agreed: 0, review: 0, unknown: 0, rejected: 0, total: 0 });

/**
 * Each project's required functions by state: listed as async-signal-safe by
 * POSIX first (already guaranteed), then agreed here, rejected, under review
 * (proposed or in review), and unknown for the rest.
 */
export async function coverageByProject(client: DbClient = db): Promise<Map<string, Coverage>> {
  const rows = await client.$queryRaw<{ slug: string; state: CoverageState; n: bigint }[]>`
    SELECT pr.slug,
           CASE WHEN pe.status = 'listed' THEN 'posix'
                WHEN f.status = 'agreed' THEN 'agreed'
                WHEN f.status = 'rejected' THEN 'rejected'
                WHEN f.status IN ('proposed', 'in-review') THEN 'review'
                ELSE 'unknown' END AS state,
           count(*) AS n
    FROM needs n
    JOIN projects pr ON pr.id = n.project_id
    JOIN functions f ON f.id = n.function_id
    LEFT JOIN posix_entries pe ON pe.id = f.posix_entry_id
    WHERE n.priority = 'required'
    GROUP BY 1, 2`;
  const out = new Map<string, Coverage>();
  for (const row of rows) {
    const c = out.get(row.slug) ?? empty();
    c[row.state] += Number(row.n);
    c.total += Number(row.n);
    out.set(row.slug, c);
  }
  return out;
}

export function sumCoverage(all: Iterable<Coverage>): Coverage {
  const total = empty();
  for (const c of all) for (const key of [...COVERAGE_STATES, "total"] as const) total[key] += c[key];
  return total;
}

export function emptyCoverage(): Coverage {
  return empty();
}
