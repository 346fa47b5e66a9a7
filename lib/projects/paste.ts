import { mailLines, withoutMailParts, type MailLine } from "@/lib/projects/paste-mail";
import { isEnglish } from "@/lib/projects/paste-words";

export interface PastedName {
  function: string;
  context: string;
}

/** What a paste holds: the names taken, in order, the name-like words set aside and the mail lines left out. */
export interface PasteReading {
  names: PastedName[];
  setAside: string[];
  leftOut: string[];
}

/** The most names one paste may hold: each unknown one is compared with the whole catalog. */
export const MAX_PASTED_NAMES = 500;
/** Longer words are not function names (functionNameSchema) and are set aside. */
const MAX_NAME_LENGTH = 100;

// Every pattern below runs in time linear in the text: none can span lines with a starred quantifier that then
// backtracks, and a call is matched only from the start of a word (a lookbehind), not from inside a long one.
/** A word of prose; an apostrophe keeps a contraction ("don't") one (English) word. */
const WORD = /[A-Za-z_][A-Za-z0-9_]*(?:'[A-Za-z]+)*/g;
const CALL = /(?<![A-Za-z0-9_])([A-Za-z_][A-Za-z0-9_]*)\(([^()\n]{0,120})\)/g;
const BACKTICKS = /`([^`\n]{1,200})`/g;
const SINGLE_NAME = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/;
const BULLET = /^(?:[-*•+]|\d{1,3}[.)])\s*/;
const SENTENCE_END = /[.!?](?=\s|$)/;
const LIST_SEPARATOR = /[,;:]|\band\b|\bor\b/;

/** How strongly an occurrence says "function": written as one, an item of a list in prose, or any word. */
type Strength = "written" | "item" | "word";

interface Occurrence {
  name: string;
  context: string;
  strength: Strength;
}

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

/** The name of a line that holds just one ("- dup2 (fd shuffling)", "execve()"), with its note, or null. */
function listLine(text: string): { name: string; bulleted: boolean; context: string } | null {
  const bullet = BULLET.exec(text)?.[0] ?? "";
  // A call's parentheses hold no note: "execve()", "write(2)".
  const { rest, notes } = takeNotes(text.slice(bullet.length).replace(/^([A-Za-z_][A-Za-z0-9_]*)\([^()]*\)/, "$1"));
  const name = SINGLE_NAME.exec(rest)?.[1];
  return name ? { name, bulleted: bullet !== "", context: notes.join("; ") } : null;
}

/**
 * The occurrences in a paragraph of prose. Calls (`name()`, `name(2)`) and names in backticks are written
 * as functions. A sentence that lists things ("… are unshare, mount, syscall (for pivot_root only) and
 * prctl") has items: the last word of each of its parts, with the part's parenthesised note as context.
 */
function proseOccurrences(paragraph: string): Occurrence[] {
  // Addresses and links are one token each: drop them before they split into words.
  const text = paragraph
    .split(/\s+/)
    .filter((token) => !token.includes("@") && !token.includes("://"))
    .join(" ");
  const written = new Set<string>();
  for (const [, span] of text.matchAll(BACKTICKS)) {
    const name = SINGLE_NAME.exec(span!)?.[1];
    if (name) written.add(name);
  }
  for (const [, name, args] of text.matchAll(CALL)) {
    // "function(s)" is a plural, not a call.
    if (args !== "s" && args !== "es") written.add(name!);
  }
  // A call's arguments are not its notes: "syscall(SYS_pivot_root)" reads as "syscall".
  const plain = text.replace(/`/g, "").replace(CALL, (call, name: string, args: string) => {
    return args === "s" || args === "es" ? call : name;
  });
  const occurrences: Occurrence[] = [];
  for (const sentence of plain.split(SENTENCE_END)) {
    const parts = sentence.split(LIST_SEPARATOR).map((part) => {
      const { rest, notes } = takeNotes(part);
      return { words: withoutOpenNote(rest).match(WORD) ?? [], context: notes.join("; ") };
    });
    const isList = parts.some((part) => part.words.length === 1);
    for (const { words, context } of parts) {
      words.forEach((word, index) => {
        const item = isList && index === words.length - 1;
        const strength = written.has(word) ? "written" : item ? "item" : "word";
        occurrences.push({ name: word, context: item ? context : "", strength });
      });
    }
  }
  return occurrences;
}

/** Every occurrence, in order: lines that hold one name each are a list of names written as functions. */
function occurrencesOf(lines: MailLine[]): Occurrence[] {
  const occurrences: Occurrence[] = [];
  const nonBlank = lines.filter((line) => line.text).length;
  let prose: string[] = [];
  const endParagraph = () => {
    if (prose.length) occurrences.push(...proseOccurrences(prose.join(" ")));
    prose = [];
  };
  lines.forEach((line, i) => {
    const item = line.text ? listLine(line.text) : null;
    const neighbour = [lines[i - 1], lines[i + 1]].some(
      (other) => other?.text && other.depth === line.depth && listLine(other.text),
    );
    if (item && (item.bulleted || neighbour || nonBlank === 1)) {
      endParagraph();
      occurrences.push({ name: item.name, context: item.context, strength: "written" });
    } else if (!line.text || (i > 0 && lines[i - 1]!.depth !== line.depth)) {
      endParagraph();
      if (line.text) prose.push(line.text);
    } else {
      prose.push(line.text);
    }
  });
  endParagraph();
  return occurrences;
}

const codeLike = (name: string) => /[_0-9]/.test(name) || /[a-z][A-Z]/.test(name);

/**
 * Reads function names out of text pasted from an email: a reply with quoted lines, wrapped prose and a
 * signature, a one-name-per-line list, or a sentence that lists them. A name written as a function (a call,
 * backticks, a list line) is always taken, known or not (the caller says "did you mean"); a catalog name is
 * taken anywhere, but one that is also an English word ("fork", "read") only where a sentence lists it.
 * Other words that may be names (list items, words with digits or underscores) are set aside, English words,
 * weekdays and months are not offered, and reply headers and signatures are left out; both are returned so
 * that the preview lists them and nothing is dropped silently.
 */
export function readPaste(text: string, isCatalogName: (name: string) => boolean): PasteReading {
  const { kept, leftOut } = withoutMailParts(mailLines(text));
  const taken = new Map<string, PastedName>();
  const setAside = new Set<string>();
  for (const { name, context, strength } of occurrencesOf(kept)) {
    if (name.length > MAX_NAME_LENGTH) continue;
    const english = isEnglish(name);
    const takes =
      strength === "written" || (!name.includes("'") && isCatalogName(name) && (strength === "item" || !english));
    const known = taken.get(name);
    if (takes && !known) taken.set(name, { function: name, context });
    else if (takes && known && !known.context) known.context = context;
    else if (!takes && !english && (strength === "item" || codeLike(name))) setAside.add(name);
  }
  return {
    names: [...taken.values()],
    setAside: [...setAside].filter((name) => !taken.has(name)),
    leftOut,
  };
}

/** How many names of a paste may need a "did you mean": all but the catalog's, which the catalog knows. */
export function pastedNameCount(text: string): number {
  const reading = readPaste(text, () => false);
  return reading.names.length + reading.setAside.length;
}
