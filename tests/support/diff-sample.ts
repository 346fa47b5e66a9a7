// A prose change with what a diff table must show: changed words, added and
// removed lines, runs of unchanged lines to collapse, and text to escape.
export const DIFF_OLD = [
  "# Notes",
  ...Array.from({ length: 30 }, (_, i) => `line ${i} <b>&amp;</b> "quoted"`),
  "removed at the end",
].join("\n");

export const DIFF_NEW = [
  "# Notes, revised",
  ...Array.from({ length: 30 }, (_, i) =>
    i % 11 === 5 ? `line ${i} changed <script>x</script>` : `line ${i} <b>&amp;</b> "quoted"`,
  ),
  "added at the end",
  "and another",
].join("\n");

export const DIFF_VARIANTS = [
  { name: "side-link", view: "side", expandHref: "/functions/x/diff?from=1&to=2&view=side&expand=1", collapse: true },
  { name: "inline-link", view: "inline", expandHref: "/functions/x/diff?view=inline&expand=1", collapse: true },
  { name: "side-details", view: "side", expandHref: undefined, collapse: true },
  { name: "inline-details", view: "inline", expandHref: undefined, collapse: true },
  { name: "side-expanded", view: "side", expandHref: undefined, collapse: false },
  { name: "inline-expanded", view: "inline", expandHref: undefined, collapse: false },
] as const;
