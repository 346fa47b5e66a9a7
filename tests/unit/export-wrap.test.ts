import { describe, expect, it } from "vitest";
import { escapeHtml, isLineStartHazard, words, wrap } from "@/lib/export/wrap";

const lorem =
  "The maintainers agreed that this function is a plain system call stub that takes no lock and touches no state shared between threads.";

describe("export line wrapping", () => {
  it("fills greedily to 72 columns, prefixes included", () => {
    const lines = wrap(lorem, { first: "- ", rest: "  " });
    expect(lines).toEqual([
      "- The maintainers agreed that this function is a plain system call stub",
      "  that takes no lock and touches no state shared between threads.",
    ]);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(72);
    expect(wrap(lorem, { width: 40 }).every((l) => l.length <= 40)).toBe(true);
  });

  it("keeps a code span whole even with spaces in it, with the punctuation glued to it", () => {
    expect(words("call `fork() then exec`, then `x`.")).toEqual(["call", "`fork() then exec`,", "then", "`x`."]);
    expect(words("a ``b ` c`` d")).toEqual(["a", "``b ` c``", "d"]);
    expect(words("an `unmatched backtick")).toEqual(["an", "`unmatched", "backtick"]);
    const lines = wrap(`${"word ".repeat(13)}\`posix_spawn_file_actions_addchdir_np (x)\` end`);
    expect(lines.some((l) => l.includes("`posix_spawn_file_actions_addchdir_np (x)`"))).toBe(true);
  });

  it("never splits a URL longer than the line: it gets a line of its own", () => {
    const url = `https://afterfork.example/functions/${"a".repeat(60)}/revisions/1`;
    const lines = wrap(`See the agreed revision at ${url} for the text.`);
    expect(lines).toEqual(["See the agreed revision at", url, "for the text."]);
  });

  it("does not start a line with a word that Markdown or mbox would read as structure", () => {
    for (const hazard of [
      "-",
      "+",
      "*",
      "1.",
      "2014.",
      "3)",
      "#",
      "###",
      ">",
      ">quote",
      "---",
      "===",
      "```c",
      "~~~",
      "From",
    ]) {
      expect(isLineStartHazard(hazard), hazard).toBe(true);
      const text = `${"x".repeat(60)} yy ${hazard} zz`;
      const lines = wrap(text, { width: 66 });
      for (const line of lines.slice(1))
        expect(line.startsWith(hazard), `${hazard}: ${JSON.stringify(lines)}`).toBe(false);
    }
    for (const fine of ["-1", "+2", "1.5", "fork()", "Fromage", "#include"])
      expect(isLineStartHazard(fine), fine).toBe(false);
  });

  it("collapses whitespace and wraps an empty paragraph to its prefix", () => {
    expect(wrap("a \n\t b")).toEqual(["a b"]);
    expect(wrap("", { first: "- " })).toEqual(["-"]);
  });

  it("neutralises raw HTML outside code spans only", () => {
    expect(escapeHtml("a <b>bold</b> and `<b>` and 1 < 2")).toBe("a \\<b>bold\\</b> and `<b>` and 1 < 2");
  });
});
