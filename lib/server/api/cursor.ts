// Opaque page cursors: base64url of a versioned marker and the position
// (a function name, or a revision number). Clients pass them back unchanged.

const MARK = "afk1:";

export function encodeCursor(position: string | number): string {
  return Buffer.from(`${MARK}${position}`, "utf8").toString("base64url");
}

/** The position a cursor encodes, or null for anything this API did not hand out. */
export function decodeCursor(cursor: string): string | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  return text.startsWith(MARK) && text.length > MARK.length ? text.slice(MARK.length) : null;
}
