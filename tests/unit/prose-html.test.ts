import fc from "fast-check";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/markdown";
import { PROSE_RENDERER_VERSION, proseToHtml } from "@/lib/prose/html";
import { revisionProseHtml } from "@/lib/prose/cache";
import { ImmutableCache, stringSize } from "@/lib/server/render/immutable-cache";
import { htmlShape } from "@/tests/support/html-shape";
import { LINTED_2014, THREAD_ESTIMATES } from "@/lib/seed/content";

// The parser cache's HTML must be the markup <Markdown> (react-markdown)
// renders, so that moving a page to it changes neither looks nor safety.
// React 19 also emits a <link rel="preload"> hint before an image, which a page puts in its head.
const viaReact = (source: string) =>
  htmlShape(renderToStaticMarkup(createElement(Markdown, { source })).replace(/^(<link rel="preload"[^>]*\/>)+/, ""));
const viaCache = (source: string) => htmlShape(`<div class="prose">${proseToHtml(source)}</div>`);

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
  const counting = () => {
    const made: string[] = [];
    return { made, make: (source: string) => () => (made.push(source), proseToHtml(source)) };
  };

  it("renders a revision once and answers from memory afterwards", () => {
    const { made, make } = counting();
    const cache = new ImmutableCache(1 << 20, PROSE_RENDERER_VERSION, stringSize);
    expect(cache.get("revision:7", make("*a*"))).toBe("<p><em>a</em></p>");
    expect(cache.get("revision:7", make("*a*"))).toBe("<p><em>a</em></p>");
    expect(cache.get("revision:8", make("b"))).toBe("<p>b</p>");
    expect(made).toEqual(["*a*", "b"]);
  });

  it("renders again under a new renderer version", () => {
    const first = counting();
    new ImmutableCache(1 << 20, 1, stringSize).get("revision:7", first.make("*a*"));
    const second = counting();
    new ImmutableCache(1 << 20, 2, stringSize).get("revision:7", second.make("*a*"));
    expect(second.made).toEqual(["*a*"]);
  });

  it("stays within its size by dropping the least recently used", () => {
    const { made, make } = counting();
    const cache = new ImmutableCache(2 * 40, 1, stringSize);
    cache.get("revision:1", make("x".repeat(30)));
    cache.get("revision:2", make("y".repeat(30)));
    cache.get("revision:1", make("x".repeat(30)));
    expect(made).toHaveLength(3);
  });

  it("shows a revision's prose on a page from the cache", () => {
    const html = revisionProseHtml({ id: 1_000_001, text: "# Notes" });
    expect(revisionProseHtml({ id: 1_000_001, text: "changed text is never looked at again" })).toBe(html);
  });
});
