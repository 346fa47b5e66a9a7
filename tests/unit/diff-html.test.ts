import { readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TextDiff } from "@/components/diff/text-diff";
import { diffText } from "@/lib/pages/diff";
import { diffRowsHtml } from "@/lib/pages/diff-html";
import { DIFF_NEW, DIFF_OLD, DIFF_VARIANTS } from "@/tests/support/diff-sample";
import { htmlShape } from "@/tests/support/html-shape";

// The diff table is built as one string. tests/fixtures/diff/ holds what
// the React version of <TextDiff> rendered for the same diffs before the
// change, so the markup (classes, screen-reader words, the collapsed rows'
// link or details) is kept tree for tree.
const fixture = (name: string) => readFileSync(path.join(__dirname, "../fixtures/diff", `${name}.html`), "utf8");

describe("a diff table", () => {
  it.each(DIFF_VARIANTS)("$name: the markup <TextDiff> rendered as React elements", (variant) => {
    const rows = diffText(DIFF_OLD, DIFF_NEW, { collapse: variant.collapse });
    const html = renderToStaticMarkup(
      createElement(TextDiff, { rows, view: variant.view, expandHref: variant.expandHref }),
    );
    expect(htmlShape(html)).toEqual(htmlShape(fixture(variant.name)));
  });

  it("escapes the text it shows", () => {
    const rows = diffRowsHtml(diffText(DIFF_OLD, DIFF_NEW), "inline");
    expect(rows).not.toContain("<script>");
    expect(rows).toContain("&lt;</span><ins>script</ins>");
    expect(rows).toContain("&lt;b&gt;&amp;amp;&lt;/b&gt; &quot;quoted&quot;");
  });

  it("says so when only the fields changed", () => {
    const html = renderToStaticMarkup(createElement(TextDiff, { rows: diffText("same", "same"), view: "side" }));
    expect(html).toBe('<p class="muted">The text is the same.</p>');
  });
});
