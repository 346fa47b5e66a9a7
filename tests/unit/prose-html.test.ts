import fc from "fast-check";
import type { Root, RootContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/markdown";
import { PROSE_RENDERER_VERSION, proseToHtml } from "@/lib/prose/html";
import { ParserCache } from "@/lib/prose/parser-cache";
import { LINTED_2014, THREAD_ESTIMATES } from "@/lib/seed/content";

// The parser cache's HTML must be the markup <Markdown> (react-markdown)
// renders, so that moving a page to it changes neither looks nor safety.
// The two serialise differently (`<br>` or `<br/>`, `&#x26;` or `&amp;`,
// whitespace between table cells), so both are parsed as a browser would
// and compared as trees: the same elements, attributes and text.
type Shape = string | { tag: string; attributes: Record<string, string>; children: Shape[] };

function shapeOf(node: RootContent | Root): Shape[] {
  if (node.type === "text") return node.value.trim() === "" ? [] : [node.value];
  if (node.type === "root") return node.children.flatMap(shapeOf);
  if (node.type !== "element") return [];
  const attributes = Object.fromEntries(
    Object.entries(node.properties).map(([name, value]) => [name, value === true || value === "" ? "" : String(value)]),
  );
  return [{ tag: node.tagName, attributes, children: node.children.flatMap(shapeOf) }];
}

const shape = (html: string) => shapeOf(fromHtml(html, { fragment: true }));
// React 19 also emits a <link rel="preload"> hint before an image, which a page puts in its head.
const viaReact = (source: string) =>
  shape(renderToStaticMarkup(createElement(Markdown, { source })).replace(/^(<link rel="preload"[^>]*\/>)+/, ""));
const viaCache = (source: string) => shape(`<div class="prose">${proseToHtml(source)}</div>`);

const CORPUS = [
  "# Heading\n\nSome *emphasis*, **strong**, `code`, ~~gone~~ and a [link](https://sourceware.org/glibc/).",
  "- one\n- two\n  - nested\n\n1. first\n2. second\n\n- [ ] task\n- [x] done",
  "| function | safe |\n| --- | :-: |\n| mount | yes |\n| setgroups | no |",
  "```c\nint main(void) { return fork(); }\n```\n\n    indented code\n\n> a quote\n> on two lines",
  "Autolinks: https://example.org/a_b and <mailto:libc-help@sourceware.org>; footnote[^1].\n\n[^1]: The note.",
  "Look: <img src=x onerror=alert(1)> and [click me](javascript:alert(2)) and <script>window.__xss=1</script>",
  `<IMG SRC="javascript:alert('XSS');"> <iframe src="javascript:alert(4)"></iframe> <a href="x" onclick="y">a</a>`,
  "![image](javascript:alert(5)) [vb](vbscript:msgbox) [data](data:text/html;base64,PHNjcmlwdD4=) [rel](/functions/mount)",
  "<!-- a comment --> &amp; &lt;tag&gt; &copy; é ü 漢字 — \u2028 line\n\nHard  \nbreak",
  "Setext\n===\n\n***\n\nText with trailing spaces   \nand a <br> tag",
  ...THREAD_ESTIMATES.map((estimate) => estimate.text),
  LINTED_2014.text,
];

describe("prose as HTML", () => {
  it.each(CORPUS.map((source, i) => [i, source]))("sample %i renders as <Markdown> renders it", (_i, source) => {
    expect(viaCache(source)).toEqual(viaReact(source));
  });

  it("agrees with <Markdown> on random Markdown-like text", () => {
    const piece = fc.constantFrom(
      "# ",
      "- ",
      "1. ",
      "> ",
      "`",
      "```\n",
      "*",
      "_",
      "[a](",
      "javascript:",
      "https://x.org",
      ")",
      "<b>",
      "</b>",
      "<script>",
      "|",
      " --- |",
      "\n",
      "\n\n",
      "word ",
      "é",
      "&amp;",
      "![i](",
      "    ",
      "~~",
      "[^1]",
      "\\",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const source = pieces.join("");
        expect(viaCache(source)).toEqual(viaReact(source));
      }),
      { numRuns: 300 },
    );
  }, 30_000);

  it("never keeps a script, an event handler or a javascript: URL", () => {
    const html = CORPUS.map(proseToHtml).join("\n");
    expect(html).not.toMatch(/<script|<iframe|<img[^>]+onerror|javascript:|vbscript:|onclick/i);
  });
});

describe("the parser cache", () => {
  const counting = (version: number) => {
    const calls: string[] = [];
    return { calls, renderer: { version, render: (source: string) => (calls.push(source), proseToHtml(source)) } };
  };

  it("renders a revision once and answers from memory afterwards", () => {
    const { calls, renderer } = counting(PROSE_RENDERER_VERSION);
    const cache = new ParserCache(1 << 20, renderer);
    expect(cache.html("revision:7", "*a*")).toBe("<p><em>a</em></p>");
    expect(cache.html("revision:7", "*a*")).toBe("<p><em>a</em></p>");
    expect(cache.html("revision:8", "b")).toBe("<p>b</p>");
    expect(calls).toEqual(["*a*", "b"]);
  });

  it("renders again under a new renderer version", () => {
    const first = counting(1);
    const cache = new ParserCache(1 << 20, first.renderer);
    cache.html("revision:7", "*a*");
    const second = counting(2);
    const upgraded = new ParserCache(1 << 20, second.renderer);
    upgraded.html("revision:7", "*a*");
    expect(second.calls).toEqual(["*a*"]);
  });

  it("stays within its size by dropping the least recently used", () => {
    const { calls, renderer } = counting(1);
    const cache = new ParserCache(2 * 40, renderer);
    cache.html("revision:1", "x".repeat(30));
    cache.html("revision:2", "y".repeat(30));
    cache.html("revision:1", "x".repeat(30));
    expect(calls).toHaveLength(3);
  });
});
