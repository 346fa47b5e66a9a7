import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SafetyLegend, SafetyLine } from "@/components/safety-annotation";
import { formatSafety, type SafetyAnnotation } from "@/lib/reference/format";
import { explainNote, KEYWORDS, parseNote, SAFETY_LEVELS, type SafetyLevel } from "@/lib/reference/keywords";
import { parseGlibcManualTsv } from "@/lib/reference/tsv";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TSV = path.join(root, "data/reference/glibc-manual-safety.tsv");
const rows = parseGlibcManualTsv(readFileSync(TSV, "utf8"), TSV);

/** Every note as written in the data, with the level it appears under. */
const notes: { note: string; level: SafetyLevel }[] = rows.flatMap((r) =>
  (
    [
      [`MT-${r.mt}`, r.mtNotes],
      [`AS-${r.as}`, r.asNotes],
      [`AC-${r.ac}`, r.acNotes],
    ] as [SafetyLevel, string][]
  ).flatMap(([level, s]) =>
    s
      .split(" ")
      .filter(Boolean)
      .map((note) => ({ note, level })),
  ),
);
/** The bare keywords: "race:sigprocmask/!bsd!linux" → "race". */
const bare = (note: string) => note.replace(/[:/].*$/, "");
const dataKeywords = [...new Set(notes.map((n) => bare(n.note)))].sort();

describe("KEYWORDS covers the data", () => {
  it("reads a non-trivial data file", () => {
    expect(rows.length).toBeGreaterThan(1000);
    expect(dataKeywords.length).toBeGreaterThan(10);
  });

  it("explains every keyword used in glibc-manual-safety.tsv", () => {
    const missing = dataKeywords.filter((k) => !Object.hasOwn(KEYWORDS, k));
    expect(
      missing,
      `unexplained keywords (coverage ${dataKeywords.length - missing.length}/${dataKeywords.length})`,
    ).toEqual([]);
  });

  it("has well-formed entries: keyed by their keyword, short, non-empty", () => {
    for (const [key, entry] of Object.entries(KEYWORDS)) {
      expect(entry.keyword).toBe(key);
      expect(entry.title.length).toBeGreaterThan(0);
      expect(entry.meaning.length).toBeGreaterThan(40);
      expect(entry.meaning.length).toBeLessThan(500);
      for (const text of Object.values(entry.byContext ?? {})) expect(text.length).toBeLessThan(500);
    }
  });

  it("defines the manual's twenty keywords (and no invented one)", () => {
    expect(Object.keys(KEYWORDS).sort()).toEqual(
      [
        "!posix",
        "const",
        "corrupt",
        "cwd",
        "dlopen",
        "env",
        "fd",
        "heap",
        "hostid",
        "i18n",
        "init",
        "locale",
        "lock",
        "mem",
        "plugin",
        "race",
        "sig",
        "sigintr",
        "term",
        "timer",
      ].sort(),
    );
  });

  it("explains every note in the data as a known keyword, in its own context", () => {
    for (const { note, level } of notes) {
      const r = explainNote(note, level);
      expect(Object.hasOwn(KEYWORDS, r.keyword), note).toBe(true);
      expect(r.text.startsWith(`${note} — `), note).toBe(true);
      expect(r.text).not.toContain("not one of the keywords");
      if (note.includes(":")) expect(r.identifier, note).toBeTruthy();
      if (note.includes("/")) expect(r.condition, note).toBeTruthy();
    }
  });

  it("gives all six safety levels a meaning", () => {
    expect(Object.keys(SAFETY_LEVELS).sort()).toEqual([
      "AC-Safe",
      "AC-Unsafe",
      "AS-Safe",
      "AS-Unsafe",
      "MT-Safe",
      "MT-Unsafe",
    ]);
    expect(SAFETY_LEVELS["AS-Safe"]).toMatch(/signal handler/);
    expect(SAFETY_LEVELS["AC-Safe"]).toMatch(/pthread_cancel/);
  });
});

describe("parseNote", () => {
  it.each([
    ["lock", { keyword: "lock" }],
    ["race:stream", { keyword: "race", identifier: "stream" }],
    ["lock/hurd", { keyword: "lock", condition: "hurd" }],
    ["race:sigprocmask/!bsd!linux", { keyword: "race", identifier: "sigprocmask", condition: "!bsd!linux" }],
    ["race:tcattr(filedes)/bsd", { keyword: "race", identifier: "tcattr(filedes)", condition: "bsd" }],
    [
      "race:sigprocmask/bsd(SIG_UNBLOCK)",
      { keyword: "race", identifier: "sigprocmask", condition: "bsd(SIG_UNBLOCK)" },
    ],
    ["!posix/!string", { keyword: "!posix", condition: "!string" }],
    ["corrupt/action==ENTER", { keyword: "corrupt", condition: "action==ENTER" }],
  ])("%s", (note, expected) => {
    expect(parseNote(note)).toEqual(expected);
  });
});

describe("explainNote", () => {
  it("race:stream names the stream and gives the race meaning", () => {
    const r = explainNote("race:stream");
    expect(r).toMatchObject({ keyword: "race", identifier: "stream" });
    expect(r.condition).toBeUndefined();
    expect(r.text).toMatch(/^race:stream — /);
    expect(r.text).toContain("data races");
    expect(r.text).toContain("'stream'");
    // As an MT-Safe note it is the caller's object to guard.
    expect(explainNote("race:stream", "MT-Safe").text).toMatch(
      /Here 'stream' is the argument that the caller must keep from concurrent use/,
    );
  });

  it("race:tmbuf under MT-Unsafe suggests one mutex for the identifier", () => {
    const r = explainNote("race:tmbuf", "MT-Unsafe");
    expect(r.text).toContain("MT-Unsafe and AS-Unsafe");
    expect(r.text).toContain("non-recursive mutex for 'tmbuf'");
  });

  it("const:locale explains writers and readers of the locale", () => {
    const r = explainNote("const:locale", "MT-Unsafe");
    expect(r).toMatchObject({ keyword: "const", identifier: "locale" });
    expect(r.text).toMatch(/^const:locale — /);
    expect(r.text).toContain("its readers are marked 'locale'");
    expect(r.text).toContain("rwlock");
    expect(explainNote("locale").text).toContain("const:locale");
  });

  it("sig:ALRM names the signal SIGALRM", () => {
    expect(explainNote("sig:ALRM").text).toContain("the signal is SIGALRM");
    expect(explainNote("sig:SIGCHLD/linux").text).toContain("the signal is SIGCHLD");
  });

  it("handles /condition forms from the data", () => {
    const hurd = explainNote("lock/hurd", "AS-Unsafe");
    expect(hurd).toMatchObject({ keyword: "lock", condition: "hurd" });
    expect(hurd.identifier).toBeUndefined();
    expect(hurd.text).toContain("deadlock");
    expect(hurd.text).toContain("only when the underlying kernel is the Hurd");

    const neither = explainNote("race:sigprocmask/!bsd!linux", "MT-Unsafe");
    expect(neither).toMatchObject({ keyword: "race", identifier: "sigprocmask", condition: "!bsd!linux" });
    expect(neither.text).toContain("neither a BSD kernel nor Linux");

    expect(explainNote("race:mbrlen/!ps").text).toContain("only when ps is NULL");
    expect(explainNote("race:error_at_line/error_one_per_line").text).toContain(
      "only when error_one_per_line is non-zero",
    );
    expect(explainNote("corrupt/action==ENTER").text).toContain("the condition 'action==ENTER' holds");
    expect(explainNote("race:tcattr(filedes)/bsd").text).toContain("terminal attributes of file descriptor filedes");
  });

  it("uses the context: lock as an AS issue deadlocks, as an AC issue stays taken", () => {
    expect(explainNote("lock", "AS-Unsafe").text).toMatch(/deadlocks/);
    expect(explainNote("lock", "AC-Unsafe").text).toMatch(/blocks forever/);
    expect(explainNote("init", "MT-Unsafe").text).toMatch(/one thread/);
  });

  it("gives unknown keywords a generic text and never throws", () => {
    for (const note of [
      "frobnicate",
      "frobnicate:x/y",
      "sigsuspend",
      "constructor",
      "__proto__",
      "toString",
      "",
      "   ",
      ":id",
      "/hurd",
      "race:",
      "race:/",
      "lock//",
      "race:a(b/c)/d",
    ]) {
      const r = explainNote(note);
      expect(typeof r.text).toBe("string");
      expect(r.text.length).toBeGreaterThan(0);
    }
    const r = explainNote("frobnicate:x/y");
    expect(r).toMatchObject({ keyword: "frobnicate", identifier: "x", condition: "y" });
    expect(r.text).toMatch(/^frobnicate:x\/y — 'frobnicate' is not one of the keywords/);
    expect(explainNote("constructor").text).toContain("not one of the keywords");
    expect(explainNote("__proto__").text).toContain("not one of the keywords");
    expect(explainNote("").text).toContain("no keyword");
  });
});

/** textContent of the element with this data-testid in static markup (no DOM here: count <span> depth). */
function textOfTestId(html: string, testId: string): string {
  const start = html.indexOf(`data-testid="${testId}"`);
  if (start < 0) throw new Error(`no ${testId}`);
  const open = html.lastIndexOf("<", start);
  const tag = /^<(\w+)/.exec(html.slice(open))![1]!;
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, "g");
  re.lastIndex = open;
  let depth = 0;
  let end = -1;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) {
      end = m.index + m[0].length;
      break;
    }
  }
  return html
    .slice(open, end)
    .replace(/<!--.*?-->/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'");
}

describe("SafetyLine and SafetyLegend", () => {
  const annotation: SafetyAnnotation = {
    mt: "Safe",
    as: "Unsafe",
    ac: "Unsafe",
    mtNotes: "locale",
    asNotes: "corrupt heap",
    acNotes: "mem lock corrupt",
    preliminary: true,
  };

  it("keeps the glibc-safety text exactly as the manual renders it", () => {
    const html = renderToStaticMarkup(createElement(SafetyLine, { annotation }));
    expect(textOfTestId(html, "glibc-safety")).toBe(
      "MT-Safe locale | AS-Unsafe corrupt heap | AC-Unsafe mem lock corrupt",
    );
    expect(textOfTestId(html, "glibc-safety")).toBe(formatSafety(annotation));
  });

  it("makes every level and note a focusable button described by a tooltip", () => {
    const html = renderToStaticMarkup(createElement(SafetyLine, { annotation }));
    const buttons = [...html.matchAll(/<button type="button"[^>]*>/g)].map((m) => m[0]);
    expect(buttons).toHaveLength(3 + 6);
    const keywords = buttons.flatMap((b) => /data-keyword="([^"]+)"/.exec(b)?.[1] ?? []);
    expect(keywords).toEqual(["locale", "corrupt", "heap", "mem", "lock", "corrupt"]);
    for (const b of buttons) {
      const id = /aria-describedby="([^"]+)"/.exec(b)![1]!;
      expect(html).toContain(`id="${id}" role="tooltip"`);
    }
    // "lock" sits under AC-Unsafe here, so its tooltip gives the AC meaning.
    expect(html).toContain("blocks forever");
  });

  it("stays exact for every distinct annotation in the data", () => {
    const seen = new Set<string>();
    for (const r of rows) {
      const a: SafetyAnnotation = {
        mt: r.mt,
        as: r.as,
        ac: r.ac,
        mtNotes: r.mtNotes,
        asNotes: r.asNotes,
        acNotes: r.acNotes,
        preliminary: r.preliminary,
      };
      const expected = formatSafety(a);
      if (seen.has(expected)) continue;
      seen.add(expected);
      const html = renderToStaticMarkup(createElement(SafetyLine, { annotation: a }));
      expect(textOfTestId(html, "glibc-safety")).toBe(expected);
      // The CSS in app/globals.css pairs buttons and tooltips for indices 0..31.
      expect((html.match(/<button /g) ?? []).length).toBeLessThanOrEqual(32);
    }
  });

  it("lists every term with its explanation in the legend", () => {
    const html = renderToStaticMarkup(createElement(SafetyLegend, { annotation }));
    expect(html).toContain('data-testid="safety-legend"');
    expect(html.startsWith("<dl")).toBe(true);
    const dts = [...html.matchAll(/<dt[^>]*><code>([^<]+)<\/code>/g)].map((m) => m[1]);
    expect(dts).toEqual([
      "Preliminary",
      "MT-Safe",
      "locale",
      "AS-Unsafe",
      "corrupt",
      "heap",
      "AC-Unsafe",
      "mem",
      "lock",
      "corrupt",
    ]);
    expect(html).toContain("(under AC-Unsafe)");
    expect((html.match(/<dd>/g) ?? []).length).toBe(dts.length);
  });
});
