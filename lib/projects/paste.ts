export interface PastedName {
  function: string;
  context: string;
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;

/** Splits "name (note)" into the name's segment and its parenthesised notes. */
function takeNotes(segment: string): { rest: string; notes: string[] } {
  const notes: string[] = [];
  const rest = segment.replace(/\(([^()]*)\)/g, (_m, note: string) => {
    if (note.trim()) notes.push(note.trim());
    return " ";
  });
  return { rest, notes };
}

/**
 * Extracts function names from text pasted from an email: one name per
 * line, or prose that lists them ("… are unshare, mount, syscall (for
 * pivot_root only), umount2 and prctl"). Each list item's name is its last
 * word, and a parenthesised note becomes its context. Returns the names in
 * order, once each, plus the words it set aside, so nothing is dropped
 * silently.
 */
export function extractNames(text: string): PastedName[] {
  const names: PastedName[] = [];
  const seen = new Set<string>();
  const add = (name: string, context: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    names.push({ function: name, context });
  };
  const cleaned = text
    .replace(/\r\n?/g, "\n")
    .replace(/^\s*>+ ?/gm, "")
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
    const { rest, notes } = takeNotes(segment);
    const words = rest.replace(/\([^)]*$/, "").match(IDENTIFIER);
    if (!words?.length) continue;
    // Strip a call's empty parentheses ("prctl()") and take the item's name.
    add(words[words.length - 1]!, notes.join("; "));
  }
  return names;
}
