import { mkdtemp, copyFile, writeFile, rm } from "node:fs/promises";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { ReferenceParseError } from "@/lib/reference/parse-error";
import { parseManualDirectory, parseTexinfoFile, type GlibcAnnotationRow } from "@/lib/reference/texinfo";
import { parseMacrosTexi } from "@/lib/reference/texinfo-macros";

const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url));
const manualDir = path.join(fixtures, "manual");
const malformedDir = path.join(fixtures, "manual-malformed");
const read = (file: string) => readFileSync(file, "utf8");

const macrosText = read(path.join(manualDir, "macros.texi"));
const sampleText = read(path.join(manualDir, "sample.texi"));
const macros = parseMacrosTexi(macrosText);

/** 1-based line of the first line starting with `prefix`. */
function lineOf(text: string, prefix: string): number {
  const index = text.split("\n").findIndex((l) => l.startsWith(prefix));
  if (index < 0) throw new Error(`fixture has no line starting with ${prefix}`);
  return index + 1;
}

describe("parseMacrosTexi", () => {
  it("maps each note macro to the keyword of its body", () => {
    expect(macros.get("mtsrace")).toBe("race");
    expect(macros.get("mtasurace")).toBe("race");
    expect(macros.get("asulock")).toBe("lock");
    expect(macros.get("ascuheap")).toBe("heap");
    expect(macros.get("acsfd")).toBe("fd");
    expect(macros.get("mtasuconst")).toBe("const");
    expect(macros.get("assposix")).toBe("!posix");
  });

  it("leaves out macros whose body is not keyword\\arg\\", () => {
    for (const name of ["prelim", "mtsafe", "asunsafe", "safety", "twoexp", "standards"]) {
      expect(macros.has(name), name).toBe(false);
    }
    expect(macros.size).toBe(16);
  });

  it("rejects a @macro without @end macro, with file and line", () => {
    const text = "@macro asulock {comments}\nlock\\comments\\\n@end macro\n\n@macro acsfd {comments}\nfd\\comments\\\n";
    expect(() => parseMacrosTexi(text, "macros.texi")).toThrow("macros.texi:5: @macro acsfd has no @end macro");
  });

  it("rejects a file with no note macro", () => {
    expect(() => parseMacrosTexi("@c nothing here\n", "empty.texi")).toThrow(ReferenceParseError);
  });
});

describe("parseTexinfoFile", () => {
  const { rows, undocumented } = parseTexinfoFile(sampleText, "sample.texi", macros);
  const row = (name: string): GlibcAnnotationRow => {
    const found = rows.filter((r) => r.function === name);
    expect(found, name).toHaveLength(1);
    return found[0]!;
  };

  it("reads a @deftypefun with a braced, multi-word return type", () => {
    expect(row("strerror")).toEqual({
      function: "strerror",
      texiFile: "sample.texi",
      mt: "Unsafe",
      as: "Unsafe",
      ac: "Unsafe",
      mtNotes: "race:strerror",
      asNotes: "heap lock",
      acNotes: "lock mem",
      preliminary: true,
      kind: "function",
      line: lineOf(sampleText, "@deftypefun {char *} strerror"),
    });
  });

  it("gives every def line of a group one row, through @standards, comments, index entries and blank lines", () => {
    const getgroups = row("getgroups");
    const setgroups = row("setgroups");
    expect(getgroups.line).toBe(lineOf(sampleText, "@deftypefun int getgroups"));
    expect(setgroups.line).toBe(lineOf(sampleText, "@deftypefunx int setgroups"));
    for (const r of [getgroups, setgroups]) {
      expect(r).toMatchObject({
        mt: "Safe",
        as: "Safe",
        ac: "Safe",
        mtNotes: "locale",
        asNotes: "",
        acNotes: "",
        kind: "function",
      });
    }
  });

  it("reads @deftypefn categories: Macro (braced or not) is a macro, anything else a function", () => {
    expect(row("isnan")).toMatchObject({ kind: "macro", line: lineOf(sampleText, "@deftypefn Macro int isnan") });
    expect(row("va_copy").kind).toBe("macro");
    expect(row("__va_copy")).toMatchObject({
      kind: "macro",
      line: lineOf(sampleText, "@deftypefnx {Macro} void __va_copy"),
    });
    expect(row("va_arg")).toMatchObject({ kind: "macro", mtNotes: "race:ap", ac: "Unsafe", acNotes: "corrupt" });
    expect(row("gets")).toMatchObject({
      kind: "function",
      mtNotes: "race:stdin",
      asNotes: "corrupt",
      acNotes: "lock corrupt",
    });
  });

  it("reads @defmac as a macro named by its first word", () => {
    expect(row("S_ISDIR")).toMatchObject({ kind: "macro", mt: "Safe", line: lineOf(sampleText, "@defmac S_ISDIR") });
  });

  it("expands nested note macros and keeps an empty part empty", () => {
    expect(row("sethostid")).toMatchObject({
      mt: "Unsafe",
      mtNotes: "const:hostid",
      as: "Unsafe",
      asNotes: "",
      acNotes: "corrupt fd",
    });
  });

  it("marks @prelim{} and its absence", () => {
    expect(row("strerror").preliminary).toBe(true);
    expect(row("getentropy").preliminary).toBe(false);
  });

  it("keeps notes in the part where they were written", () => {
    expect(row("feclearexcept")).toMatchObject({ as: "Safe", asNotes: "!posix", ac: "Safe", acNotes: "!posix" });
    expect(row("wordexp")).toMatchObject({
      mtNotes: "race:utent const:env env sig:ALRM locale",
      asNotes: "heap corrupt lock",
      acNotes: "corrupt lock fd mem",
    });
  });

  it("reads a @safety whose braces carry it over two lines", () => {
    expect(row("system")).toMatchObject({ mtNotes: "env", asNotes: "heap lock", ac: "Unsafe", acNotes: "lock mem" });
  });

  it("joins a def line continued with a trailing @", () => {
    expect(row("long_declaration").line).toBe(lineOf(sampleText, "@deftypefun int long_declaration"));
  });

  it("reports definitions without @safety instead of inventing an annotation", () => {
    expect(undocumented).toEqual([
      {
        function: "pthread_create",
        texiFile: "sample.texi",
        line: lineOf(sampleText, "@deftypefun int pthread_create"),
      },
      {
        function: "__STDC_ENDIAN_LITTLE__",
        texiFile: "sample.texi",
        line: lineOf(sampleText, "@defmac __STDC_ENDIAN_LITTLE__"),
      },
    ]);
    expect(rows.some((r) => r.function === "pthread_create")).toBe(false);
  });

  it("skips @ignore blocks and commented-out lines", () => {
    expect(rows.some((r) => r.function === "ignored_function" || r.function === "commented_out")).toBe(false);
  });

  it("returns rows in file order", () => {
    expect(rows.map((r) => r.function)).toEqual([
      "strerror",
      "getgroups",
      "setgroups",
      "isnan",
      "va_copy",
      "__va_copy",
      "va_arg",
      "gets",
      "S_ISDIR",
      "sethostid",
      "getentropy",
      "feclearexcept",
      "wordexp",
      "system",
      "long_declaration",
    ]);
  });
});

describe("parseTexinfoFile on malformed input", () => {
  const attempt = (file: string) => () => parseTexinfoFile(read(path.join(malformedDir, file)), file, macros);
  const cases: [file: string, line: number, problem: RegExp][] = [
    ["unbalanced.texi", 3, /unbalanced braces in @safety/],
    ["extra-brace.texi", 2, /unexpected text after @safety/],
    ["unknown-note.texi", 6, /unknown note macro @asunknown/],
    ["orphan-safety.texi", 3, /@safety with no def line before it/],
    ["missing-part.texi", 5, /@safety has no AC part/],
    ["no-name.texi", 1, /cannot read the name declared by @deftypefun/],
  ];
  for (const [file, line, problem] of cases) {
    it(`${file} fails at line ${line}`, () => {
      let error: unknown;
      try {
        attempt(file)();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ReferenceParseError);
      const err = error as ReferenceParseError;
      expect(err.file).toBe(file);
      expect(err.line).toBe(line);
      expect(err.problem).toMatch(problem);
      expect(err.message).toBe(`${file}:${line}: ${err.problem}`);
    });
  }

  it("rejects a @safety missing its MT part or with two AS parts", () => {
    const def = "@deftypefun int f (void)\n";
    expect(() => parseTexinfoFile(`${def}@safety{@prelim{}@assafe{}@acsafe{}}\n`, "t.texi", macros)).toThrow(
      "t.texi:2: @safety has no MT part",
    );
    expect(() => parseTexinfoFile(`${def}@safety{@mtsafe{}@assafe{}@assafe{}@acsafe{}}\n`, "t.texi", macros)).toThrow(
      "t.texi:2: @safety has two AS parts",
    );
    expect(() => parseTexinfoFile(`${def}@safety{@mtsafe{} text @assafe{}@acsafe{}}\n`, "t.texi", macros)).toThrow(
      /t\.texi:2: unexpected text/,
    );
  });
});

describe("parseManualDirectory", () => {
  const tmpDirs: string[] = [];
  afterAll(async () => {
    for (const dir of tmpDirs) await rm(dir, { recursive: true, force: true });
  });

  it("reads macros.texi and every .texi file in name order", async () => {
    const result = await parseManualDirectory(manualDir);
    expect(result.rows[0]).toMatchObject({ function: "alpha_first", texiFile: "alpha.texi", line: 6 });
    expect(result.rows.slice(1).every((r) => r.texiFile === "sample.texi")).toBe(true);
    expect(result.rows).toHaveLength(16);
    expect(result.undocumented.map((u) => u.function)).toEqual(["pthread_create", "__STDC_ENDIAN_LITTLE__"]);
  });

  it("passes a malformed file's name and line through", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "texinfo-test-"));
    tmpDirs.push(dir);
    await copyFile(path.join(manualDir, "macros.texi"), path.join(dir, "macros.texi"));
    await copyFile(path.join(malformedDir, "unknown-note.texi"), path.join(dir, "unknown-note.texi"));
    await expect(parseManualDirectory(dir)).rejects.toThrow(
      "unknown-note.texi:6: unknown note macro @asunknown in @safety",
    );
  });

  it("fails clearly without macros.texi", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "texinfo-test-"));
    tmpDirs.push(dir);
    await writeFile(path.join(dir, "a.texi"), "@deftypefun int f (void)\n");
    await expect(parseManualDirectory(dir)).rejects.toBeInstanceOf(ReferenceParseError);
  });
});
