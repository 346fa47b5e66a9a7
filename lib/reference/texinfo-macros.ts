import { ReferenceParseError } from "@/lib/reference/parse-error";

// macros.texi: where the manual defines the note macros of its @safety lines.

/**
 * A note macro's body is one line `keyword\param\`, e.g. `race\comments\`:
 * the keyword followed by its single argument. Other macros (`@mtsafe`,
 * `@safety`, `@twoexp`, ...) do not have this shape and are left out.
 */
const NOTE_BODY = /^(!?[A-Za-z0-9_][A-Za-z0-9_-]*)\\([A-Za-z0-9_-]+)\\$/;
const MACRO_HEADER = /^@macro\s+([A-Za-z][A-Za-z0-9_-]*)\s*(?:\{([^}]*)\})?\s*$/;

/** Macro name -> keyword, for every note macro defined in macros.texi. */
export function parseMacrosTexi(text: string, file = "macros.texi"): Map<string, string> {
  const lines = text.split(/\r?\n/);
  const keywords = new Map<string, string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!/^@macro(\s|$)/.test(line)) continue;
    const header = MACRO_HEADER.exec(line);
    if (!header) throw new ReferenceParseError(file, i + 1, `malformed @macro line: ${line}`);
    const name = header[1]!;
    const params = (header[2] ?? "")
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    const body: string[] = [];
    let end = i + 1;
    while (end < lines.length && !/^@end\s+macro\s*$/.test(lines[end]!)) body.push(lines[end++]!);
    if (end >= lines.length) throw new ReferenceParseError(file, i + 1, `@macro ${name} has no @end macro`);
    const note = body.length === 1 ? NOTE_BODY.exec(body[0]!) : null;
    if (note && params.length === 1 && note[2] === params[0]) {
      const previous = keywords.get(name);
      if (previous !== undefined && previous !== note[1]) {
        throw new ReferenceParseError(file, i + 1, `note macro @${name} defined twice with different keywords`);
      }
      keywords.set(name, note[1]!);
    }
    i = end;
  }
  if (keywords.size === 0) throw new ReferenceParseError(file, 1, "no note macro definitions found");
  return keywords;
}
