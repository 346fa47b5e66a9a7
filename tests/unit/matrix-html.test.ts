import { describe, expect, it } from "vitest";
import { matrixRowsHtml } from "@/lib/projects/matrix-html";

describe("matrix rows as HTML", () => {
  it("writes letters, classes and screen-reader text for needed cells and empty cells otherwise, without the optional end tags", () => {
    const html = matrixRowsHtml(
      [
        {
          name: "setgroups",
          status: "proposed",
          glibcAs: "Unsafe",
          posix: null,
          reach: ["lock", "setxid"],
          neededBy: 1,
          cells: { 1: "required" },
        },
      ],
      [
        { id: 1, slug: "linted", name: "linted" },
        { id: 2, slug: "lxc", name: "LXC" },
      ],
    );
    expect(html).toBe(
      '<tr data-function="setgroups"><th scope="row" class="fn"><a href="/functions/setgroups" class="mono">setgroups</a></th>' +
        '<td data-col="needed">1</td><td class="small">proposed</td><td class="small">AS-Unsafe</td><td class="small">—</td>' +
        '<td class="small" data-col="reach">lock setxid</td>' +
        '<td class="cell-required" data-project="linted" title="linted: required">R<span class="sr-only"> required</span><td>',
    );
  });

  it("escapes every value", () => {
    const html = matrixRowsHtml(
      [{ name: "<b>", status: "x", glibcAs: null, posix: null, reach: null, neededBy: 1, cells: { 7: "convenient" } }],
      [{ id: 7, slug: 'a"b', name: `<img src=x onerror=alert(1)>` }],
    );
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain('data-project="a&quot;b"');
  });

  it("shows what the child runs: the normal-route hazards, none, or a dash when the library lacks the function", () => {
    const row = { name: "f", status: "x", glibcAs: null, posix: null, neededBy: 0, cells: {} };
    expect(matrixRowsHtml([{ ...row, reach: [] }], [])).toContain('<td class="small" data-col="reach">none</td>');
    expect(matrixRowsHtml([{ ...row, reach: null }], [])).toContain('<td class="small" data-col="reach">—</td>');
  });
});
