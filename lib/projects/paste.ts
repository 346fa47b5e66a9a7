export interface PastedName {
  function: string;
  context: string;
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;

/** The most names one paste may hold: each unknown one is compared with the whole catalog. */
export const MAX_PASTED_NAMES = 500;
/** Longer words are not function names (functionNameSchema) and are set aside. */
const MAX_NAME_LENGTH = 100;

// Every pattern below runs in time linear in the text: none can span lines
// with a starred quantifier that then backtracks (`^\s*>` did, quadratically
// over a paste of blank lines).

/** Splits "name (note)" into the name's segment and its parenthesised notes. */
function takeNotes(segment: string): { rest: string; notes: string[] } {
  const notes: string[] = [];
  const rest = segment.replace(/\(([^()]*)\)/g, (_m, note: string) => {
    if (note.trim()) notes.push(note.trim());
    return " ";
  });
  return { rest, notes };
}

/** Drops a note left open at the end ("setgroups (for"): from the first "(" after the last ")". */
function withoutOpenNote(segment: string): string {
  const open = segment.indexOf("(", segment.lastIndexOf(")") + 1);
  return open < 0 ? segment : segment.slice(0, open);
}

/**
 * Extracts function names from text pasted from an email: one name per
 * line, or prose that lists them ("… are unshare, mount, syscall (for
 * pivot_root only), umount2 and prctl"). Each list item's name is its last
 * word, and a parenthesised note becomes its context. Returns the names in
 * order, once each, plus the words it set aside, so nothing is dropped
 * silently.
 */
export function extractNames(text: string, limit = Infinity): PastedName[] {
  const names: PastedName[] = [];
  const seen = new Set<string>();
  const add = (name: string, context: string) => {
    if (seen.has(name) || name.length > MAX_NAME_LENGTH) return;
    seen.add(name);
    names.push({ function: name, context });
  };
  const cleaned = text
    .replace(/\r\n?/g, "\n")
    .replace(/^[ \t]*>+ ?/gm, "")
    .replace(/`/g, "");
  const lines = cleaned
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const oneNamePerLine =
    lines.length > 1 &&
    lines.every(
      (l) =>
        (
          takeNotes(l)
            .rest.replace(/^[-*•\d.)\s]+/, "")
            .match(IDENTIFIER) ?? []
        ).length === 1,
    );
  const segments = oneNamePerLine ? lines : cleaned.split(/[,;:\n]|\band\b|\bor\b|\.(?=\s|$)/);
  for (const segment of segments) {
    if (names.length >= limit) break;
    const { rest, notes } = takeNotes(segment);
    const words = withoutOpenNote(rest).match(IDENTIFIER);
    if (!words?.length) continue;
    // Strip a call's empty parentheses ("prctl()") and take the item's name.
    add(words[words.length - 1]!, notes.join("; "));
  }
  return names;
}
