import { mkdtempSync, readFileSync, readdirSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { readImportPath, runImport } from "@/lib/reference/run-import";
import { ReferenceParseError } from "@/lib/reference/parse-error";
import { formatSafety } from "@/lib/reference/format";

const FIXTURES = path.resolve("tests/fixtures");

async function snapshot() {
  const [imports, annotations, entries, functions] = await Promise.all([
    db.referenceImport.count(),
    db.glibcAnnotation.count(),
    db.posixEntry.count(),
    db.function.findMany({
      select: { name: true, glibcAnnotationId: true, posixEntryId: true },
      orderBy: { name: "asc" },
    }),
  ]);
  return { imports, annotations, entries, functions };
}

async function copyManual(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "afterfork-manual-"));
  for (const f of readdirSync(path.join(FIXTURES, "manual")))
    copyFileSync(path.join(FIXTURES, "manual", f), path.join(dir, f));
  return dir;
}

describe("reference importers", () => {
  it("imports a texinfo manual directory, reports undocumented names, and keeps history on re-import", async () => {
    const dir = await copyManual();
    const first = await runImport("glibc-manual", await readImportPath(dir), { source: "fixture v1", origin: dir });
    expect(first.added).toBeGreaterThan(0);
    expect(first.changed).toBe(0);
    expect(first.undocumented.length).toBeGreaterThan(0);

    const again = await runImport("glibc-manual", await readImportPath(dir), {
      source: "fixture v1 again",
      origin: dir,
    });
    expect([again.added, again.changed, again.removed, again.unchanged]).toEqual([0, 0, 0, first.total]);

    // Change one annotation: it gets a new current row and the old one stays as history.
    const sample = path.join(dir, "alpha.texi");
    writeFileSync(
      sample,
      readFileSync(sample, "utf8").replace(
        "@safety{@prelim{}@mtsafe{}@assafe{}@acsafe{}}",
        "@safety{@prelim{}@mtsafe{}@asunsafe{@asulock{}}@acsafe{}}",
      ),
    );
    const changed = await runImport("glibc-manual", await readImportPath(dir), { source: "fixture v2", origin: dir });
    expect(changed.changed).toBe(1);
    const fn = await db.function.findUniqueOrThrow({
      where: { name: "alpha_first" },
      include: {
        glibcAnnotation: { include: { import: true } },
        glibcHistory: { include: { import: true }, orderBy: { id: "asc" } },
      },
    });
    expect(fn.glibcAnnotation!.as).toBe("Unsafe");
    expect(fn.glibcAnnotation!.import.source).toBe("fixture v2");
    expect(fn.glibcHistory.map((a) => [a.import.source, formatSafety(a)])).toEqual([
      ["fixture v1", "MT-Safe | AS-Safe | AC-Safe"],
      ["fixture v2", "MT-Safe | AS-Unsafe lock | AC-Safe"],
    ]);
  });

  it("refuses every malformed texinfo file with file:line and changes nothing", async () => {
    const malformed = path.join(FIXTURES, "manual-malformed");
    for (const file of readdirSync(malformed)) {
      const dir = await copyManual();
      copyFileSync(path.join(malformed, file), path.join(dir, file));
      const before = await snapshot();
      const error = await runImport("glibc-manual", await readImportPath(dir), { source: "bad", origin: dir }).catch(
        (e: unknown) => e,
      );
      expect(error, file).toBeInstanceOf(ReferenceParseError);
      expect((error as Error).message, file).toMatch(new RegExp(`^${file.replace(".", "\\.")}:\\d+: `));
      expect(await snapshot(), file).toEqual(before);
    }
  });

  it("imports the signal-safety(7) man page and refuses a malformed one with file:line", async () => {
    const report = await runImport("posix-list", await readImportPath(path.join(FIXTURES, "signal-safety.7")), {
      source: "fixture page",
      origin: "fixture",
    });
    expect(report.total).toBeGreaterThan(0);
    const dir = mkdtempSync(path.join(tmpdir(), "afterfork-man-"));
    const broken = path.join(dir, "signal-safety.7");
    writeFileSync(broken, readFileSync(path.join(FIXTURES, "signal-safety.7"), "utf8").replace(/\.TE/g, ""));
    const before = await snapshot();
    const error = await runImport("posix-list", await readImportPath(broken), {
      source: "bad page",
      origin: broken,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReferenceParseError);
    expect((error as Error).message).toMatch(/^signal-safety\.7:\d+: /);
    expect(await snapshot()).toEqual(before);
  });

  it("imports the shipped TSVs with every name", async () => {
    const glibc = await runImport("glibc-manual", await readImportPath("data/reference/glibc-manual-safety.tsv"), {
      source: "tsv",
      origin: "tsv",
    });
    const posix = await runImport("posix-list", await readImportPath("data/reference/posix-async-signal-safe.tsv"), {
      source: "tsv",
      origin: "tsv",
    });
    expect(glibc.total).toBe(1911);
    expect(posix.total).toBe(195);
  });
});
