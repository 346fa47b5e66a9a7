import type { ProposalFields, PriorityName } from "@/lib/pages/fields";
import type { StatusName } from "@/lib/functions/status";
import { formatSafety, type SafetyAnnotation } from "@/lib/reference/format";
import { formatEstimate, formatNeeds, formatPosix, permalink } from "@/lib/export/format";
import { grouped } from "@/lib/export/group";
import { cachedProseLines } from "@/lib/export/prose";
import { columns, DEFAULT_WIDTH, inline, wrap } from "@/lib/export/wrap";

// The agreed list as a post for libc-help: plain text that reads well in a
// mail client and renders as Markdown. A pure function of the dataset and the
// options, so the same data always gives the same bytes.

export interface ExportNeed {
  projectSlug: string;
  projectName: string;
  priority: PriorityName;
}

/** A function in the agreed or the under-review section, with the content of exactly one revision. */
export interface ExportEntry {
  name: string;
  status: StatusName;
  /** The agreed revision for agreed functions, the current one for those under review. */
  revisionNumber: number;
  fields: ProposalFields;
  glibc: SafetyAnnotation | null;
  posix: { status: "listed" | "removed"; note: string } | null;
  needs: ExportNeed[];
  /** When agreement was recorded (the agreed Decision); null under review. */
  agreedAt: Date | null;
  /** When the shown revision was saved: dates a post that shows proposals under review. */
  revisionCreatedAt: Date;
  /** The shown revision's prose, in Markdown. */
  text: string;
  /** Under review as changes to an agreed function: the agreed revision's number (that one stays agreed). */
  pendingOf: number | null;
}

/** A request the maintainers rejected, or an agreement they withdrew, with their reason. */
export interface ClosedEntry {
  name: string;
  reason: string;
  closedAt: Date;
  needs: ExportNeed[];
  /** The last agreement that this decision ended; null when the request was never agreed. */
  agreedEarlier: { revisionNumber: number; at: Date } | null;
}

export interface ExportDataset {
  agreed: ExportEntry[];
  /** Null when under-review items were not loaded. */
  underReview: ExportEntry[] | null;
  rejected: ClosedEntry[];
  /** Withdrawn after an agreement (a request withdrawn before any agreement was never in a post). */
  withdrawn: ClosedEntry[];
}

export type ExportGroup = "status" | "project";

export interface ExportOptions {
  /** Site origin for permalinks, e.g. "https://afterfork.example". */
  origin: string;
  underReview: boolean;
  group: ExportGroup;
  /** Replaces the default introduction; blank lines separate paragraphs. */
  intro?: string;
  /** The date the post carries; by default the latest decision (or shown revision) in the data. */
  now?: Date;
  /** Each entry's text (the agreed prose, or the current one under review); true unless turned off. */
  notes?: boolean;
}

export const DEFAULT_INTRO =
  "glibc maintainers and the projects that call more than POSIX's " +
  "async-signal-safe functions in the child after fork() from a " +
  "multithreaded program (sandboxes, container runtimes, service managers) " +
  "have gone through those functions one by one. This is what the " +
  "maintainers agreed glibc guarantees, with their estimate of each " +
  "function's implementation, the glibc manual's safety annotation, the " +
  "POSIX status and the projects that asked. Each entry gives the text the " +
  "maintainers agreed and links to the exact revision.";

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

function plural(n: number, one: string, many: string): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** A list item: "- Label: text", continuation lines indented by two spaces. */
function item(label: string, text: string): string[] {
  return wrap(`${label}: ${text}`, { first: "- ", rest: "  " });
}

/** A list item whose last word is a URL; the URL goes on its own line when the item does not fit. */
function itemWithUrl(text: string, url: string): string[] {
  const oneLine = `- ${text} ${url}`;
  if (columns(oneLine) <= DEFAULT_WIDTH) return [oneLine];
  return [...wrap(text, { first: "- ", rest: "  " }), `  ${url}`];
}

function paragraph(text: string): string[] {
  return wrap(text);
}

// An entry listed under several projects is rendered once.
const rendered = new WeakMap<ExportEntry, { key: string; lines: string[] }>();

function entryLines(entry: ExportEntry, origin: string, heading: string, agreed: boolean, notes: boolean): string[] {
  const key = `${origin}\n${heading}\n${agreed}\n${notes}`;
  const cached = rendered.get(entry);
  if (cached?.key === key) return cached.lines;
  const lines = renderEntry(entry, origin, heading, agreed, notes);
  rendered.set(entry, { key, lines });
  return lines;
}

function notAgreed(entry: ExportEntry): string {
  return entry.pendingOf === null
    ? ` (${entry.status}, NOT agreed)`
    : ` (changes to the agreed revision ${entry.pendingOf}, NOT agreed)`;
}

function renderEntry(entry: ExportEntry, origin: string, heading: string, agreed: boolean, notes: boolean): string[] {
  const f = entry.fields;
  const lines = [`${heading} \`${entry.name}\`${agreed ? "" : notAgreed(entry)}`, ""];
  lines.push(...item(agreed ? "Guarantee" : "Proposed guarantee", inline(f.guarantee)));
  lines.push(...item(agreed ? "Maintainers' estimate" : "Estimate so far", formatEstimate(f)));
  lines.push(
    ...item(
      "glibc manual",
      entry.glibc
        ? `${formatSafety(entry.glibc)}${entry.glibc.preliminary ? " (preliminary)" : ""}`
        : "no safety annotation",
    ),
  );
  lines.push(...item("POSIX", formatPosix(entry.posix)));
  lines.push(...item("Needed by", formatNeeds(entry.needs)));
  const url = permalink(origin, entry.name, entry.revisionNumber);
  if (agreed) {
    const when = entry.agreedAt ? ` on ${day(entry.agreedAt)}` : "";
    lines.push(...itemWithUrl(`Agreed${when} at revision ${entry.revisionNumber}:`, url));
  } else {
    lines.push(...itemWithUrl(`Under review at revision ${entry.revisionNumber}:`, url));
  }
  lines.push("");
  const prose = notes ? cachedProseLines(entry.text) : [];
  if (prose.length) {
    const label = agreed
      ? `The agreed text of revision ${entry.revisionNumber}:`
      : `The text of revision ${entry.revisionNumber} as it stands, NOT agreed:`;
    lines.push(label, "", ...prose, "");
  }
  return lines;
}

function closedLines(entry: ClosedEntry, kind: "rejected" | "withdrawn"): string[] {
  const reason = inline(entry.reason) || "no reason was recorded.";
  const earlier = entry.agreedEarlier
    ? `agreed at revision ${entry.agreedEarlier.revisionNumber} on ${day(entry.agreedEarlier.at)}, `
    : "";
  return wrap(`\`${entry.name}\` (${earlier}${kind} on ${day(entry.closedAt)}): ${reason}`, {
    first: "- ",
    rest: "  ",
  });
}

/** The date a post carries without an explicit one: the latest decision or shown revision in it. */
export function latestDate(data: ExportDataset, underReview: boolean): Date | null {
  const dates = [
    ...data.agreed.map((e) => e.agreedAt),
    ...data.rejected.map((e) => e.closedAt),
    ...data.withdrawn.map((e) => e.closedAt),
    ...(underReview ? (data.underReview ?? []).map((e) => e.revisionCreatedAt) : []),
  ].filter((d): d is Date => d !== null);
  return dates.length ? new Date(Math.max(...dates.map((d) => d.getTime()))) : null;
}

/** The post, ending with a newline. */
export function renderExport(data: ExportDataset, options: ExportOptions): string {
  const origin = options.origin.replace(/\/+$/, "");
  const underReview = options.underReview ? (data.underReview ?? []) : null;
  const date = options.now ?? latestDate(data, options.underReview);
  const notes = options.notes ?? true;
  const out: string[] = [];

  out.push("# Functions safe after fork() in a multithreaded program", "");
  out.push(
    ...paragraph(
      date
        ? `The list agreed on Afterfork as of ${day(date)}.`
        : "The list agreed on Afterfork: nothing has been decided yet.",
    ),
    "",
  );
  const intro = options.intro?.trim() ? options.intro : DEFAULT_INTRO;
  for (const para of intro.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    if (para.trim()) out.push(...paragraph(inline(para)), "");
  }
  const counts = [
    `${plural(data.agreed.length, "function", "functions")} agreed`,
    ...(underReview ? [`${count(underReview.length)} under review (not agreed)`] : []),
    `${count(data.rejected.length)} not guaranteed`,
    ...(data.withdrawn.length ? [`${count(data.withdrawn.length)} withdrawn after agreement`] : []),
  ];
  out.push(...paragraph(`In all: ${counts.join(", ")}.`), "");

  const subheading = options.group === "project" ? "####" : "###";

  out.push("## Agreed: safe after fork() in a multithreaded program", "");
  if (data.agreed.length === 0) out.push("Nothing has been agreed yet.", "");
  for (const g of grouped(data.agreed, options.group)) {
    if (g.title) out.push(`### ${g.title}`, "");
    for (const entry of g.items) out.push(...entryLines(entry, origin, subheading, true, notes));
  }

  if (underReview) {
    out.push("## Under review: NOT agreed", "");
    out.push(
      ...paragraph(
        "Nothing in this section is agreed. These are proposals still under " +
          "review, shown as they stand now; they may change or be rejected. " +
          "Do not rely on them.",
      ),
      "",
    );
    if (underReview.length === 0) out.push("Nothing is under review.", "");
    for (const g of grouped(underReview, options.group)) {
      if (g.title) out.push(`### ${g.title}`, "");
      for (const entry of g.items) out.push(...entryLines(entry, origin, subheading, false, notes));
    }
  }

  out.push("## Not guaranteed", "");
  if (data.rejected.length === 0) {
    out.push("No request has been rejected.", "");
  } else {
    out.push(
      ...paragraph(
        "The maintainers rejected these requests; glibc makes no promise about them after fork() in a " +
          "multithreaded program.",
      ),
      "",
    );
    for (const g of grouped(data.rejected, options.group)) {
      if (g.title) out.push(`### ${g.title}`, "");
      for (const entry of g.items) out.push(...closedLines(entry, "rejected"));
      out.push("");
    }
  }

  if (data.withdrawn.length) {
    out.push("## Withdrawn", "");
    out.push(
      ...paragraph(
        "The maintainers had agreed these and withdrew the agreement; glibc no longer promises anything about " +
          "them after fork() in a multithreaded program.",
      ),
      "",
    );
    for (const g of grouped(data.withdrawn, options.group)) {
      if (g.title) out.push(`### ${g.title}`, "");
      for (const entry of g.items) out.push(...closedLines(entry, "withdrawn"));
      out.push("");
    }
  }

  out.push("---", "");
  out.push(
    ...paragraph(`Comments and corrections are welcome on each function's page on Afterfork: ${origin}/functions`),
  );
  return `${out.join("\n")}\n`;
}
