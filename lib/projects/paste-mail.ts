/** One line of pasted mail: its text without the quoting markers, and how deeply it was quoted. */
export interface MailLine {
  depth: number;
  text: string;
}

// Each pattern is anchored at the start of one line and bounded, so a paste of 50,000 characters is read in
// linear time (a starred pattern spanning lines backtracked quadratically before).
const QUOTE_MARKERS = /^[ \t]*(?:>[ \t]?)*/;
const ATTRIBUTION =
  /^(?:on\s.{0,300}\bwrote:|-{2,} ?(?:original|forwarded) message ?-{2,}|(?:from|sent|to|cc|date|subject): .*)$/i;
const ATTRIBUTION_START = /^on\s/i;
const ATTRIBUTION_END = /\bwrote:$/i;
const SIGNATURE_DELIMITER = /^--$/;
const SIGN_OFF =
  /^(?:(?:many|best|kind|warm)\s+)?(?:thanks|thank you|cheers|best|regards|wishes|sincerely|yours)(?:\s+(?:again|all))?[,.!]*$/i;
const DEVICE_LINE = /^sent from my\b/i;
/** A sign-off is the signature only when at most this many lines (a name, a title) follow it in its block. */
const SIGN_OFF_LINES = 3;

/** Splits pasted mail into lines with their quoting depth (the number of leading ">"), markers removed. */
export function mailLines(text: string): MailLine[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((raw) => {
      const marker = QUOTE_MARKERS.exec(raw)?.[0] ?? "";
      return { depth: marker.split(">").length - 1, text: raw.slice(marker.length).trim() };
    });
}

/** How many lines after `start` stay in its block: same quoting depth, not blank, not a reply header. */
function blockLength(lines: MailLine[], start: number): number {
  let end = start + 1;
  while (end < lines.length) {
    const line = lines[end]!;
    if (line.depth !== lines[start]!.depth || !line.text || ATTRIBUTION.test(line.text)) break;
    end++;
  }
  return end - start - 1;
}

/**
 * Leaves out the parts of a mail that are not its message: reply headers ("On Mon, 3 Mar 2014, Carlos wrote:",
 * "From: …"), signatures (after "-- ", or a short block after "Thanks,") and "Sent from my phone". Left-out
 * lines become blank, so paragraphs stay apart, and are returned to be listed, never dropped silently.
 */
export function withoutMailParts(lines: MailLine[]): { kept: MailLine[]; leftOut: string[] } {
  const kept = lines.map((line) => ({ ...line }));
  const leftOut: string[] = [];
  const drop = (from: number, count: number) => {
    for (let i = from; i < from + count; i++) {
      if (kept[i]!.text) leftOut.push(kept[i]!.text);
      kept[i]!.text = "";
    }
  };
  for (let i = 0; i < kept.length; i++) {
    const text = kept[i]!.text;
    const next = kept[i + 1];
    if (ATTRIBUTION.test(text) || DEVICE_LINE.test(text)) drop(i, 1);
    else if (ATTRIBUTION_START.test(text) && next && ATTRIBUTION_END.test(next.text) && text.length < 300) {
      drop(i, 2);
    } else if (SIGNATURE_DELIMITER.test(text)) {
      // Everything quoted as deeply as the delimiter, up to a reply header, is the signature.
      let end = i + 1;
      while (end < kept.length && kept[end]!.depth === kept[i]!.depth && !ATTRIBUTION.test(kept[end]!.text)) end++;
      drop(i, end - i);
    } else if (SIGN_OFF.test(text) && blockLength(kept, i) <= SIGN_OFF_LINES) {
      drop(i, blockLength(kept, i) + 1);
    }
  }
  return { kept, leftOut };
}
