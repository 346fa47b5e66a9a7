// The URLs the benchmark measures, with their targets (issue 9).
import { FUNCTION_PAGE } from "./dataset";
import { PEER, PEER_FUNCTION } from "./peer";
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
  /** One of the four pages compared with MediaWiki (bench/mediawiki.ts), by mediawiki.sh's name of it. */
  peer?: "view" | "diff" | "history" | "recent";
}

/** The peer page's URLs (bench/peer.ts): the same four pages mediawiki.sh measures on the wiki. */
export const PEER_PATHS = {
  view: `/functions/${PEER_FUNCTION}`,
  diff: `/functions/${PEER_FUNCTION}/diff?from=${PEER.diffFrom}&to=${PEER.diffTo}`,
  history: `/functions/${PEER_FUNCTION}/history`,
  recent: "/recent",
} as const;

export function routes(dataset: { historyFunction: string; diffFunction: string }): Route[] {
  // Issue 15: a browser gets every page compressed, whichever column.
  return allRoutes(dataset).map((r) => ({ ...r, targets: { ...r.targets, gzip: true } }));
}

function allRoutes(dataset: { historyFunction: string; diffFunction: string }): Route[] {
  const js = READ_PAGE_JS_KB;
  const history = `/functions/${dataset.historyFunction}/history`;
  const review = `/functions/${dataset.diffFunction}/review`;
  const diff = `/functions/${dataset.diffFunction}/diff?from=1&to=2`;
  // The review, diff and peer pages go last: the memory they leave behind would inflate the peak RSS of the rows
  // after them.
  return [
    {
      label: "`/functions` (catalog)",
      path: "/functions",
      baseline: true,
      html: true,
      targets: { p95Ms: 100, minBaselineShare: 0.5, firstLoadJsKb: js, signedInP95Ms: 100 },
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
      targets: { p95Ms: 50, firstLoadJsKb: js, signedInP95Ms: 100 },
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
      targets: { p95Ms: 200, firstLoadJsKb: js, signedInP95Ms: 100 },
    },
    {
      label: "`/recent` (recent changes: the peer page's edits and comments on top)",
      path: PEER_PATHS.recent,
      baseline: true,
      html: true,
      targets: { firstLoadJsKb: js },
      peer: "recent",
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
      targets: { p95Ms: 50, firstLoadJsKb: js, signedInP95Ms: 100 },
    },
    {
      label: `\`${diff}\` (2,000 lines)`,
      path: diff,
      baseline: true,
      html: true,
      targets: { p95Ms: 50, firstLoadJsKb: js },
    },
    {
      label: `\`${PEER_PATHS.history}\` (peer page: 201 revisions)`,
      path: PEER_PATHS.history,
      baseline: false,
      html: true,
      targets: { firstLoadJsKb: js },
      peer: "history",
    },
    {
      label: `\`${PEER_PATHS.diff}\` (peer page, 2,000 lines)`,
      path: PEER_PATHS.diff,
      baseline: false,
      html: true,
      targets: { firstLoadJsKb: js, renderedServerMs: 50 },
      peer: "diff",
    },
    {
      label: `\`${PEER_PATHS.view}\` (peer page: 2,000 lines, 50 comments)`,
      path: PEER_PATHS.view,
      baseline: false,
      html: true,
      targets: { firstLoadJsKb: js, renderedServerMs: 50 },
      peer: "view",
    },
  ];
}
