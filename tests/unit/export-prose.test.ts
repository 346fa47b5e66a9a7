import { describe, expect, it } from "vitest";
import { cachedProseLines, proseLines } from "@/lib/export/prose";

const text = (markdown: string) => proseLines(markdown).join("\n");

describe("revision prose as plain text for libc-help", () => {
  it("fills paragraphs at 72 columns and keeps the author's inline markup", () => {
    const lines = proseLines(
      "NSS is **never** consulted by `getpwnam`-free code, and the child *may* call it before any other thread exists, says the manual.",
    );
    expect(lines).toEqual([
      "NSS is **never** consulted by `getpwnam`-free code, and the child *may*",
      "call it before any other thread exists, says the manual.",
    ]);
  });

  it("turns headings into bold lines and links into text <url>", () => {
    expect(
      text("## Caveats\n\nSee [the manual](https://www.gnu.org/software/libc/manual/) and <https://x.org/a>."),
    ).toBe("**Caveats**\n\nSee the manual <https://www.gnu.org/software/libc/manual/> and\n<https://x.org/a>.");
    expect(text("[ref]\n\n[ref]: https://sourceware.org/bugzilla/")).toBe("ref <https://sourceware.org/bugzilla/>");
  });

  it("never wraps code blocks, tables or URLs", () => {
    const long = "x".repeat(100);
    expect(proseLines(`\`\`\`c\n${long}\n\`\`\``)).toEqual(["```c", long, "```"]);
    expect(proseLines("| a | b |\n|:--|--:|\n| `x` | [y](https://y.org) |")).toEqual([
      "| a | b |",
      "| :--- | ---: |",
      "| `x` | y <https://y.org> |",
    ]);
    const url = `https://sourceware.org/git/?p=glibc.git;a=blob;f=${"a/".repeat(40)}x.c`;
    expect(proseLines(`See ${url} here.`)).toEqual(["See", url, "here."]);
  });

  it("indents list items and their continuation lines, nested lists and task items", () => {
    expect(
      text(
        "1. The child must not hold `dl_load_lock`, which `dlopen` takes while another thread may be running.\n   - nested\n2. [x] done",
      ),
    ).toBe(
      [
        "1. The child must not hold `dl_load_lock`, which `dlopen` takes while",
        "   another thread may be running.",
        "   - nested",
        "2. [x] done",
      ].join("\n"),
    );
  });

  it("counts non-ASCII text by characters, quotes block quotes, keeps hard breaks and neutralises raw HTML", () => {
    const lines = proseLines(`${"Über ".repeat(14)}Ende.`);
    expect(lines.every((l) => [...l].length <= 72)).toBe(true);
    expect(lines[0]).toBe("Über ".repeat(14).trim());
    expect(text("> quoted\n\nline one\\\nline two <b>bold</b>")).toBe(
      "> quoted\n\nline one\\\nline two \\<b>bold\\</b>",
    );
  });

  it("keeps a word that would start a list or heading on the line before it", () => {
    const lines = proseLines(`${"word ".repeat(13)}- not a list item, and ${"more ".repeat(8)}# not a heading.`);
    for (const line of lines.slice(1)) expect(line).not.toMatch(/^(-|#) /);
  });

  it("gives no lines for empty prose", () => {
    expect(proseLines("")).toEqual([]);
    expect(proseLines("   \n\n")).toEqual([]);
  });

  it("makes a text's lines once and gives the same lines for it again", () => {
    const markdown = "A paragraph that the export fills at 72 columns, repeated in every export of its function.";
    const first = cachedProseLines(markdown);
    expect(first).toEqual(proseLines(markdown));
    expect(cachedProseLines(`${markdown}`)).toBe(first);
    expect(cachedProseLines(`${markdown} Changed.`)).not.toEqual(first);
  });
});
