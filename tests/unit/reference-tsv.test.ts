import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseGlibcManualTsv, parsePosixTsv } from "@/lib/reference/tsv";
import { ReferenceParseError } from "@/lib/reference/parse-error";

const GLIBC_HEADER = "function\ttexi_file\tmt\tas\tac\tmt_notes\tas_notes\tac_notes\tpreliminary\tkind\tline";
const POSIX_HEADER = "function\tnote\tstatus\tman_section\tremark";
const glibcLine = "fputc\tstdio.texi\tSafe\tUnsafe\tUnsafe\trace:stream\tcorrupt\tcorrupt lock\tyes\tfunction\t1234";
const posixLine = "abort\tAdded in POSIX.1-2001 TC1\tlisted\t3\t";

function failure(run: () => unknown): ReferenceParseError {
  try {
    run();
  } catch (e) {
    if (e instanceof ReferenceParseError) return e;
    throw e;
  }
  throw new Error("expected a ReferenceParseError");
}

describe("parseGlibcManualTsv", () => {
  it("reads rows into GlibcAnnotationRow, skipping # comments", () => {
    const text = `# source: glibc manual, test\n${GLIBC_HEADER}\n# another comment\n${glibcLine}\n`;
    expect(parseGlibcManualTsv(text, "g.tsv")).toEqual([
      {
        function: "fputc",
        texiFile: "stdio.texi",
        mt: "Safe",
        as: "Unsafe",
        ac: "Unsafe",
        mtNotes: "race:stream",
        asNotes: "corrupt",
        acNotes: "corrupt lock",
        preliminary: true,
        kind: "function",
        line: 1234,
      },
    ]);
  });

  it("accepts CRLF line ends and empty notes", () => {
    const text = `${GLIBC_HEADER}\r\nisnan\tarith.texi\tSafe\tSafe\tSafe\t\t\t\tno\tmacro\t400\r\n`;
    expect(parseGlibcManualTsv(text, "g.tsv")[0]).toMatchObject({
      function: "isnan",
      mtNotes: "",
      preliminary: false,
      kind: "macro",
      line: 400,
    });
  });

  const bad: [what: string, row: string, problem: RegExp][] = [
    ["a missing column", glibcLine.split("\t").slice(0, 10).join("\t"), /expected 11 tab-separated columns, got 10/],
    ["a bad safety value", glibcLine.replace("\tUnsafe\tUnsafe", "\tunsafe\tUnsafe"), /column as:/],
    ["a bad preliminary flag", glibcLine.replace("\tyes\t", "\ttrue\t"), /column preliminary:/],
    ["a bad kind", glibcLine.replace("\tfunction\t", "\tvariable\t"), /column kind:/],
    ["a bad line number", glibcLine.replace("\t1234", "\t0"), /column line: not a positive line number/],
    ["doubled spaces in notes", glibcLine.replace("corrupt lock", "corrupt  lock"), /column ac_notes:/],
    ["a bad function name", glibcLine.replace("fputc", "fputc()"), /column function: not a C identifier/],
  ];
  for (const [what, rowText, problem] of bad) {
    it(`rejects ${what} at its file:line`, () => {
      const text = `# source: test\n${GLIBC_HEADER}\n${glibcLine}\n${rowText}\n${glibcLine}\n`;
      const err = failure(() => parseGlibcManualTsv(text, "g.tsv"));
      expect(err.file).toBe("g.tsv");
      expect(err.line).toBe(4);
      expect(err.problem).toMatch(problem);
      expect(err.message).toMatch(/^g\.tsv:4: /);
    });
  }

  it("rejects a wrong or missing header", () => {
    expect(() => parseGlibcManualTsv(`# c\n${POSIX_HEADER}\n`, "g.tsv")).toThrow(/^g\.tsv:2: expected header/);
    expect(() => parseGlibcManualTsv("# only a comment\n", "g.tsv")).toThrow("g.tsv:1: no header line");
  });
});

describe("parsePosixTsv", () => {
  it("reads rows into PosixRow", () => {
    const text = `# source: test\n${POSIX_HEADER}\n${posixLine}\nfpathconf\tRequired by POSIX.1-2001\tremoved\t3\tfrom the Notes list\n`;
    expect(parsePosixTsv(text, "p.tsv")).toEqual([
      { function: "abort", note: "Added in POSIX.1-2001 TC1", status: "listed", manSection: "3", remark: "" },
      {
        function: "fpathconf",
        note: "Required by POSIX.1-2001",
        status: "removed",
        manSection: "3",
        remark: "from the Notes list",
      },
    ]);
  });

  it("rejects a bad status, a bad section or a wrong column count at file:line", () => {
    const at = (row: string) => failure(() => parsePosixTsv(`${POSIX_HEADER}\n${row}\n`, "p.tsv"));
    expect(at(posixLine.replace("listed", "gone")).message).toMatch(/^p\.tsv:2: column status:/);
    expect(at(posixLine.replace("\t3\t", "\tthree\t")).message).toMatch(/^p\.tsv:2: column man_section:/);
    expect(at("abort\tonly two").message).toBe("p.tsv:2: expected 5 tab-separated columns, got 2");
  });
});

// The shared copies are not on every machine; the project's own copies under
// data/reference/ (with a "# source:" line on top) always are.
const shipped = [
  { where: "data/reference", dir: fileURLToPath(new URL("../../data/reference/", import.meta.url)) },
  { where: "/work/shared/data", dir: "/work/shared/data/" },
];

describe.each(shipped)("the shipped reference files in $where", ({ dir }) => {
  const glibcPath = path.join(dir, "glibc-manual-safety.tsv");
  const posixPath = path.join(dir, "posix-async-signal-safe.tsv");

  it.skipIf(!existsSync(glibcPath))("glibc-manual-safety.tsv has 1,915 valid rows", () => {
    const rows = parseGlibcManualTsv(readFileSync(glibcPath, "utf8"), "glibc-manual-safety.tsv");
    expect(rows).toHaveLength(1915);
    expect(new Set(rows.map((r) => r.function)).size).toBe(1911);
    expect(rows.filter((r) => r.kind === "macro")).toHaveLength(63);
    expect(rows.filter((r) => r.preliminary)).toHaveLength(1893);
    expect(rows.find((r) => r.function === "sethostid")).toMatchObject({
      mt: "Unsafe",
      mtNotes: "const:hostid",
      texiFile: "sysinfo.texi",
    });
  });

  it.skipIf(!existsSync(posixPath))("posix-async-signal-safe.tsv has 191 listed and 4 removed rows", () => {
    const rows = parsePosixTsv(readFileSync(posixPath, "utf8"), "posix-async-signal-safe.tsv");
    expect(rows).toHaveLength(195);
    expect(rows.filter((r) => r.status === "listed")).toHaveLength(191);
    expect(rows.filter((r) => r.status === "removed").map((r) => r.function)).toEqual([
      "fpathconf",
      "pathconf",
      "sysconf",
      "fork",
    ]);
  });
});
