import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TextDiff } from "@/components/diff/text-diff";
import { diffText } from "@/lib/pages/diff";
import { diffRowsHtml } from "@/lib/pages/diff-html";
import { htmlShape } from "@/tests/support/html-shape";

// Cached diff tables are built as a string; they must be the markup
// <TextDiff> renders, row for row.
const OLD = [
  "# Notes",
  ...Array.from({ length: 30 }, (_, i) => `line ${i} <b>&amp;</b> "quoted"`),
  "removed at the end",
].join("\n");
const NEW = [
  "# Notes, revised",
  ...Array.from({ length: 30 }, (_, i) =>
    i % 11 === 5 ? `line ${i} changed <script>x</script>` : `line ${i} <b>&amp;</b> "quoted"`,
  ),
  "added at the end",
  "and another",
].join("\n");

const viaReact = (view: "side" | "inline", expandHref?: string, collapse = true) =>
  htmlShape(
    renderToStaticMarkup(createElement(TextDiff, { rows: diffText(OLD, NEW, { collapse }), view, expandHref })),
  );

describe("a diff table as a string", () => {
  it.each([
    ["side", "/functions/x/diff?from=1&to=2&view=side&expand=1", true],
    ["inline", "/functions/x/diff?from=1&to=2&view=inline&expand=1", true],
    ["side", undefined, true],
    ["inline", undefined, true],
    ["side", undefined, false],
    ["inline", undefined, false],
  ] as const)("%s, expand link %s, collapsed %s: the rows <TextDiff> renders", (view, expandHref, collapse) => {
    const react = viaReact(view, expandHref, collapse);
    const table = react[0];
    if (typeof table === "string" || !table) throw new Error("expected a table");
    const tbody = table.children.find((child) => typeof child !== "string" && child.tag === "tbody");
    const rows = diffRowsHtml(diffText(OLD, NEW, { collapse }), view, expandHref);
    expect(htmlShape(`<table><tbody>${rows}</tbody></table>`)[0]).toEqual({
      tag: "table",
      attributes: {},
      children: [tbody],
    });
    expect(rows).not.toContain("<script>");
  });
});
