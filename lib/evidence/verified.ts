/**
 * `data/evidence/VERIFIED.md`: functions whose evidence a person checked by reading glibc's source,
 * as a Markdown table (function, kind, provider:line, syscalls, via, flags, what the code does).
 * `compareWithVerified` checks the shipped TSV against it row by row; `npm test` and the command
 * that regenerates the TSV both print its result.
 */
import type { EvidenceDataRow } from "@/lib/evidence/data-file";

export interface VerifiedRow {
  function: string;
  kind: string;
  provider: string;
  line: number;
  syscalls: string[];
  via: string[];
  flags: string[];
  /** The Markdown line number, for messages. */
  at: number;
}

const cell = (s: string) => s.trim().replace(/^`|`$/g, "").trim();
const names = (s: string) => (cell(s) === "—" || cell(s) === "" ? [] : s.split(",").map(cell).filter(Boolean));

/** The rows of the first table whose header starts with `| function | kind |`. */
export function parseVerifiedMd(text: string): VerifiedRow[] {
  const rows: VerifiedRow[] = [];
  let inTable = false;
  text.split("\n").forEach((line, i) => {
    if (/^\|\s*function\s*\|\s*kind\s*\|/.test(line)) return void (inTable = true);
    if (!inTable || /^\|\s*-/.test(line)) return;
    if (!line.startsWith("|")) return void (inTable = false);
    const cells = line.split("|").slice(1, -1);
    const [fn, kind, where, syscalls, via, flags] = cells;
    const m = /^(.*?)(?::(\d+))?$/.exec(cell(where ?? ""));
    rows.push({
      function: cell(fn ?? ""),
      kind: cell(kind ?? ""),
      provider: m?.[1] === "—" ? "" : (m?.[1] ?? ""),
      line: Number(m?.[2] ?? 0),
      syscalls: names(syscalls ?? ""),
      via: names(via ?? ""),
      flags: names(flags ?? ""),
      at: i + 1,
    });
  });
  return rows;
}

export interface Comparison {
  checked: number;
  mismatches: string[];
}

/** Every verified row against the data row of the same function: kind, provider and line, syscalls, via, flags. */
export function compareWithVerified(data: EvidenceDataRow[], verified: VerifiedRow[]): Comparison {
  const byName = new Map(data.map((r) => [r.function, r]));
  const mismatches: string[] = [];
  for (const v of verified) {
    const d = byName.get(v.function);
    if (!d) {
      mismatches.push(`VERIFIED.md:${v.at} ${v.function}: not in the data file`);
      continue;
    }
    const facts: [string, string, string][] = [
      ["kind", v.kind, d.kind],
      ["provider", `${v.provider}:${v.line}`, `${d.provider}:${d.line}`],
      ["syscalls", v.syscalls.join(","), d.syscalls.join(",")],
      ["via", v.via.join(","), d.via.join(",")],
      ["flags", v.flags.join(","), d.flags.join(",")],
    ];
    for (const [what, expected, actual] of facts) {
      if (expected !== actual)
        mismatches.push(
          `VERIFIED.md:${v.at} ${v.function}: ${what} is ${actual || "(none)"}, verified ${expected || "(none)"}`,
        );
    }
  }
  return { checked: verified.length, mismatches };
}

export function formatComparison(c: Comparison): string {
  const head =
    `VERIFIED.md: ${c.checked} functions checked by hand, ` + `${c.mismatches.length} disagree with the data file`;
  return [head, ...c.mismatches.map((m) => `  ${m}`)].join("\n");
}
