// Brace-aware scanning of Texinfo, shared by macros, def lines and @safety.

/**
 * Walks the braces of `text` from `from`, skipping the escapes `@{`, `@}` and `@@`, until `stop` accepts the
 * depth after a brace. Returns that depth and the index just past the brace, or the depth at the end and -1.
 */
function walkBraces(text: string, from: number, stop: (depth: number) => boolean): { depth: number; end: number } {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === "@") {
      const next = text[i + 1];
      if (next === "{" || next === "}" || next === "@") i++;
    } else if (c === "{" || c === "}") {
      depth += c === "{" ? 1 : -1;
      if (stop(depth)) return { depth, end: i + 1 };
    }
  }
  return { depth, end: -1 };
}

/** Index just past the `}` matching the `{` at `open`, or -1 if the text ends first. */
export function matchBrace(text: string, open: number): number {
  return walkBraces(text, open, (depth) => depth === 0).end;
}

/** Brace depth at the end of `text` (escapes ignored); negative if a `}` has no `{`. */
export function braceDepth(text: string): number {
  return walkBraces(text, 0, (depth) => depth < 0).depth;
}

/** Reads `@name{arg}` at `at`; returns null if `at` does not start a command. */
export function readCommand(text: string, at: number): { name: string; arg: string; end: number } | null {
  const m = /^@([A-Za-z]+)/.exec(text.slice(at));
  if (!m) return null;
  const open = at + m[0].length;
  if (text[open] !== "{") return null;
  const end = matchBrace(text, open);
  if (end < 0) return null;
  return { name: m[1]!, arg: text.slice(open + 1, end - 1), end };
}
