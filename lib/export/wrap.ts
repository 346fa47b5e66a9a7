// Line wrapping for text that goes to a plain-text mailing list and is also
// read as Markdown. Greedy (first fit) filling at whitespace only, the way
// `fmt` and Emacs fill-paragraph do it, with three Markdown-specific rules:
//
// - A code span (`like this`, or ``with ` inside``) is one unbreakable word
//   even when it contains spaces, and nothing inside it is escaped.
// - A word longer than the line (a URL, a long code span) is never split: it
//   gets a line of its own and overflows the width, so it stays clickable
//   and copyable.
// - A word that would change the Markdown structure when it starts a line
//   ("-", "+", "*", "1.", "#", ">quoted", "```", "===") is kept on the line of
//   the word before it, so wrapping never turns a sentence into a list item,
//   heading, quote or code fence. So is "From", which mail archives would
//   otherwise mangle into ">From".

export const DEFAULT_WIDTH = 72;

/** Columns a string takes: one per code point (the export's text is Latin script; tabs never occur). */
export function columns(text: string): number {
  return /^[\x00-\x7f]*$/.test(text) ? text.length : Array.from(text).length;
}

/** Splits text into words at whitespace, keeping each code span whole with what it is glued to ("`fork()`,"). */
export function words(text: string): string[] {
  if (!text.includes("`")) return text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let current = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      if (current) out.push(current);
      current = "";
      i++;
      continue;
    }
    if (ch === "`") {
      let run = 1;
      while (text[i + run] === "`") run++;
      const fence = "`".repeat(run);
      // The closing run must have exactly the same length (CommonMark).
      let close = -1;
      for (let j = text.indexOf(fence, i + run); j !== -1; j = text.indexOf(fence, j + 1)) {
        let end = j;
        while (text[end] === "`") end++;
        if (end - j === run && text[j - 1] !== "`") {
          close = j;
          break;
        }
        j = end - 1;
      }
      if (close !== -1) {
        current += text.slice(i, close + run).replace(/\s+/g, " ");
        i = close + run;
        continue;
      }
      current += fence; // an unmatched run is literal backticks
      i += run;
      continue;
    }
    current += ch;
    i++;
  }
  if (current) out.push(current);
  return out;
}

const LINE_START_HAZARD = /^(?:[-+*]|#{1,6}|\d{1,9}[.)]|>.*|[-*_=]{2,}|`{3,}.*|~{3,}.*|From)$/;

/** Whether a word would change the Markdown (or mbox) meaning of a line it started. */
export function isLineStartHazard(word: string): boolean {
  return LINE_START_HAZARD.test(word);
}

export interface WrapOptions {
  width?: number;
  /** Put before the first line, e.g. "- " for a list item. */
  first?: string;
  /** Put before every following line, e.g. "  " to continue a list item. */
  rest?: string;
}

/**
 * Fills one paragraph (its whitespace collapsed) into lines of at most
 * `width` columns, prefixes included. Only a single word wider than the line
 * overflows, on a line of its own.
 */
export function wrap(text: string, options: WrapOptions = {}): string[] {
  const width = options.width ?? DEFAULT_WIDTH;
  const first = options.first ?? "";
  const rest = options.rest ?? "";
  // Most lines fit as they are.
  if (text && columns(first) + columns(text) <= width && !/^\s|\s$|\s\s|[^\S ]/.test(text)) return [first + text];
  // Hazardous words travel with the word before them.
  const units: string[] = [];
  for (const word of words(text)) {
    if (units.length > 0 && isLineStartHazard(word)) units[units.length - 1] += ` ${word}`;
    else units.push(word);
  }
  const lines: string[] = [];
  let line = first;
  let used = columns(first);
  let empty = true;
  for (const unit of units) {
    const n = columns(unit);
    if (empty) {
      line += unit;
      used += n;
      empty = false;
    } else if (used + 1 + n <= width) {
      line += ` ${unit}`;
      used += 1 + n;
    } else {
      lines.push(line);
      line = rest + unit;
      used = columns(rest) + n;
    }
  }
  lines.push(empty ? first.trimEnd() : line);
  return lines;
}

/**
 * Escapes what Markdown would read as raw HTML ("<b>", "</x>", "<!--") outside code spans; plain
 * text keeps a readable "\<".
 */
export function escapeHtml(text: string): string {
  return text
    .split(/(`+[^`]*?`+)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/<(?=[A-Za-z/!?])/g, "\\<")))
    .join("");
}

/** User-written text as one line of Markdown: whitespace collapsed, raw HTML neutralised. */
export function inline(text: string): string {
  return escapeHtml(text.replace(/\s+/g, " ").trim());
}
