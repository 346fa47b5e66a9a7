import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  EVIDENCE_COMMIT,
  EVIDENCE_SOURCE,
  formatEvidenceTsv,
  parseEvidenceTsv,
  readEvidenceTsv,
  VERIFIED_MD,
} from "@/lib/evidence/data-file";
import { compareWithVerified, formatComparison, parseVerifiedMd } from "@/lib/evidence/verified";

const data = readEvidenceTsv();
const verified = parseVerifiedMd(readFileSync(VERIFIED_MD, "utf8"));

describe("the shipped evidence (data/evidence/x86_64-linux-gnu.tsv)", () => {
  it("was read from glibc at the manual's commit, for x86_64-linux-gnu", () => {
    expect(data.source).toBe(EVIDENCE_SOURCE);
    expect(data.source).toContain(EVIDENCE_COMMIT);
    expect(data.target).toBe("x86_64-linux-gnu");
    expect(formatEvidenceTsv(data)).toBe(readFileSync("data/evidence/x86_64-linux-gnu.tsv", "utf8"));
  });

  it("agrees row by row with the functions checked by hand in VERIFIED.md", () => {
    expect(verified.length).toBeGreaterThanOrEqual(40);
    const comparison = compareWithVerified(data.rows, verified);
    expect(formatComparison(comparison)).toBe(
      `VERIFIED.md: ${verified.length} functions checked by hand, 0 disagree with the data file`,
    );
  });

  it("the comparison names the row and the fact that differs", () => {
    const open = data.rows.find((r) => r.function === "open")!;
    const wrong = { ...open, provider: open.path, via: ["__x"] };
    const c = compareWithVerified(
      [wrong],
      verified.filter((v) => v.function === "open"),
    );
    expect(c.mismatches).toHaveLength(2);
    expect(c.mismatches[0]).toMatch(
      /^VERIFIED\.md:\d+ open: provider is sysdeps\/unix\/sysv\/linux\/open\.c:29, verified/,
    );
    expect(c.mismatches[1]).toMatch(/open: via is __x, verified \(none\)$/);
  });

  it("parses what it formats", () => {
    expect(parseEvidenceTsv(formatEvidenceTsv(data)).rows).toEqual(data.rows);
    expect(() => parseEvidenceTsv("# source: s\n# target: t\nopen\tnot-a-kind\t\t\t0\t\t\t\n")).toThrow(/:3: expected/);
  });
});
