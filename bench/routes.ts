// The URLs the benchmark measures, with their targets (issue 9).
import { FUNCTION_PAGE } from "./dataset";
import type { RouteTargets } from "./report";

/** First-load JavaScript allowed on every read page, kB gzipped. */
const READ_PAGE_JS_KB = 150;

export interface Route {
  label: string;
  path: string;
  /** The baseline serves the same path. */
  baseline: boolean;
  /** An HTML page: its first-load JavaScript is measured. */
  html: boolean;
  targets: RouteTargets;
}

export function routes(dataset: { historyFunction: string; diffFunction: string }): Route[] {
  const js = READ_PAGE_JS_KB;
  const history = `/functions/${dataset.historyFunction}/history`;
  const review = `/functions/${dataset.diffFunction}/review`;
  const diff = `/functions/${dataset.diffFunction}/diff?from=1&to=2`;
  // The review and diff pages go last: the memory they leave behind would inflate the peak RSS of the rows after them.
  return [
    {
      label: "`/functions` (catalog)",
      path: "/functions",
      baseline: true,
      html: true,
      targets: { p95Ms: 100, minBaselineShare: 0.5, firstLoadJsKb: js },
    },
    {
      label: "`/functions?as=unsafe&project=linted`",
      path: "/functions?as=unsafe&project=linted",
      baseline: true,
      html: true,
      targets: { p95Ms: 100, minBaselineShare: 0.5, firstLoadJsKb: js },
    },
    {
      label: `\`/functions/${FUNCTION_PAGE}\` (function page)`,
      path: `/functions/${FUNCTION_PAGE}`,
      baseline: true,
      html: true,
      targets: { p95Ms: 50, firstLoadJsKb: js },
    },
    {
      label: `\`${history}\` (1,000 revisions)`,
      path: history,
      baseline: true,
      html: true,
      targets: { p95Ms: 100, firstLoadJsKb: js },
    },
    {
      label: "`/matrix` (100 rows × 50 projects)",
      path: "/matrix",
      baseline: true,
      html: true,
      targets: { p95Ms: 200, firstLoadJsKb: js },
    },
    {
      label: "`/recent` (recent changes)",
      path: "/recent",
      baseline: true,
      html: true,
      targets: { firstLoadJsKb: js },
    },
    {
      label: "`/api/v1/functions?limit=50` (JSON)",
      path: "/api/v1/functions?limit=50",
      baseline: true,
      html: false,
      targets: {},
    },
    { label: "`/export.md` (agreed list)", path: "/export.md", baseline: true, html: false, targets: { p95Ms: 200 } },
    {
      label: `\`${review}\` (2,000 lines, agreed 1 → 2)`,
      path: review,
      baseline: false,
      html: true,
      targets: { p95Ms: 50, firstLoadJsKb: js },
    },
    {
      label: `\`${diff}\` (2,000 lines)`,
      path: diff,
      baseline: true,
      html: true,
      targets: { p95Ms: 50, firstLoadJsKb: js },
    },
  ];
}
