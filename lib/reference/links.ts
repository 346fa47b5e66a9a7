export const SIGNAL_SAFETY_MAN_URL = "https://man7.org/linux/man-pages/man7/signal-safety.7.html";
export const GLIBC_MANUAL_INDEX_URL = "https://sourceware.org/glibc/manual/latest/html_node/Function-Index.html";

/** The annotated line in glibc's git web view, at the import's commit when its source names one. */
export function glibcSourceUrl(source: string, texiFile: string, line: number): string {
  const commit = /\b[0-9a-f]{40}\b/.exec(source)?.[0] ?? "HEAD";
  const file = encodeURIComponent(texiFile);
  return `https://sourceware.org/git/?p=glibc.git;a=blob;f=manual/${file};hb=${commit}#l${line}`;
}

/** "since POSIX.1-2001" for an empty Notes cell, else the cell's own words ("added in POSIX.1-2008 TC2"). */
export function posixSince(note: string): string {
  if (!note) return "since POSIX.1-2001";
  return note.charAt(0).toLowerCase() + note.slice(1);
}
