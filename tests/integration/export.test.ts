import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import "@/lib/server/page-hooks";
import { exportMarkdown, loadExportData } from "@/lib/export/data";
import { renderExport } from "@/lib/export/markdown";
import { parseExportQuery, type ExportQuery } from "@/lib/export/schema";
import { DEFAULT_GUARANTEE, type NeedRow, type ProposalFields } from "@/lib/pages/fields";
import { ensureNeedsPage, ensureProposalPage, saveRevision } from "@/lib/pages/revisions";
import { importGlibcAnnotations, importPosixList } from "@/lib/reference/import";
import { castVote, recordAgreement, rejectProposal, withdrawProposal } from "@/lib/review/mutations";

// Golden files: run with UPDATE_GOLDEN=1 to rewrite them, then read the diff.
const GOLDEN = path.join(process.cwd(), "tests", "fixtures", "export");
const ORIGIN = "https://afterfork.example";
const NOW = new Date("2026-04-01T12:00:00.000Z");
const PENDING = "PENDING EDIT, never reviewed";
// Prose with what a mail client must still read well: a heading, lists, code, a table, long URLs,
// links, raw HTML and non-ASCII text.
const GETPID_TEXT = [
  "## Why it is safe",
  "",
  "`getpid` is a plain system call: NSS is never consulted, no lock is taken and nothing is cached since glibc 2.25 (the cache was removed, see [the release notes](https://sourceware.org/glibc/wiki/Release/2.25)).",
  "",
  "- Works in a child of `clone(CLONE_VM)` too.",
  "- Über-careful callers may use `syscall(SYS_getpid)`; the result is the same.",
  "  1. nested: see <https://man7.org/linux/man-pages/man2/getpid.2.html>",
  "",
  "```c",
  "pid_t self = getpid(); /* one system call, no lock, no cache; this comment is long on purpose */",
  "```",
  "",
  "| glibc | cached |",
  "| ----- | :----: |",
  "| < 2.25 | yes |",
  "| ≥ 2.25 | no |",
  "",
  "Reference: https://sourceware.org/git/?p=glibc.git;a=blob;f=sysdeps/unix/sysv/linux/getpid.c;hb=HEAD and <b>raw HTML</b> stays text.",
].join("\n");

let m1 = 0;
let m2 = 0;
let rep = 0;

async function propose(name: string, fields: Partial<ProposalFields>, text = `Why ${name} matters.`) {
  const fn = await db.function.upsert({ where: { name }, create: { name }, update: {} });
  const page = await ensureProposalPage(db, fn.id);
  const { revision } = await saveRevision({
    pageId: page.id,
    baseRevisionId: page.currentRevisionId,
    authorId: rep,
    summary: "propose",
    text,
    fields: {
      guarantee: DEFAULT_GUARANTEE,
      implementationKind: "syscall stub",
      implementationNote: "",
      asSafety: "AS-safe",
      ...fields,
    },
  });
  return { pageId: page.id, revisionId: revision.id };
}

async function agree(p: { pageId: number; revisionId: number }, at: string) {
  await castVote(m1, { ...p, value: 1, comment: "" });
  await castVote(m2, { ...p, value: 2, comment: "" });
  const decision = await recordAgreement(m1, p);
  await db.decision.update({ where: { id: decision.id }, data: { createdAt: new Date(at) } });
}

async function needs(slug: string, name: string, rows: NeedRow[]) {
  const project = await db.project.create({ data: { slug, name } });
  const page = await ensureNeedsPage(db, project.id);
  await saveRevision({
    pageId: page.id,
    baseRevisionId: null,
    authorId: rep,
    summary: "needs",
    text: "",
    fields: { rows },
  });
}

const need = (fn: string, priority: NeedRow["priority"]): NeedRow => ({
  function: fn,
  priority,
  rationale: "",
  context: "",
});

beforeAll(async () => {
  m1 = (await db.user.create({ data: { email: "m1@example.org", name: "Maintainer One", role: "maintainer" } })).id;
  m2 = (await db.user.create({ data: { email: "m2@example.org", name: "Maintainer Two", role: "maintainer" } })).id;
  rep = (await db.user.create({ data: { email: "rep@example.org", name: "Rep", role: "representative" } })).id;

  const annotation = {
    texiFile: "x.texi",
    line: 1,
    preliminary: true,
    kind: "function" as const,
    mtNotes: "",
    asNotes: "",
    acNotes: "",
  };
  await importGlibcAnnotations(
    [
      { ...annotation, function: "getpid", mt: "Safe", as: "Safe", ac: "Safe" },
      {
        ...annotation,
        function: "setgroups",
        mt: "Safe",
        as: "Unsafe",
        ac: "Unsafe",
        asNotes: "lock corrupt heap dlopen",
        acNotes: "lock corrupt mem fd",
      },
      { ...annotation, function: "prctl", mt: "Safe", as: "Safe", ac: "Safe", preliminary: false },
    ],
    { source: "glibc test", origin: "test" },
  );
  await importPosixList(
    [
      { function: "getpid", status: "listed", note: "", manSection: "2", remark: "" },
      { function: "faccessat", status: "listed", note: "Added in POSIX.1-2008", manSection: "2", remark: "" },
      { function: "unshare", status: "removed", note: "never listed, a test entry", manSection: "2", remark: "" },
    ],
    { source: "man-pages test", origin: "test" },
  );

  // Agreed, needed by both projects, with rich prose.
  await agree(await propose("getpid", {}, GETPID_TEXT), "2026-03-02T10:00:00.000Z");
  // Agreed with a long guarantee, then edited: the edit is pending and must not appear.
  const setgroups = await propose("setgroups", {
    guarantee:
      "Safe to call in the child after fork() in a multithreaded program, provided the child calls it before any other thread exists; glibc's `setxid broadcast` is skipped in a single-threaded child.",
    implementationKind: "complex",
    implementationNote: "setxid broadcast to every thread",
    asSafety: "AS-unsafe",
  });
  await agree(setgroups, "2026-03-03T09:30:00.000Z");
  await saveRevision({
    pageId: setgroups.pageId,
    baseRevisionId: setgroups.revisionId,
    authorId: rep,
    summary: "unreviewed",
    text: PENDING,
    fields: {
      guarantee: PENDING,
      implementationKind: "syscall stub",
      implementationNote: PENDING,
      asSafety: "AS-safe",
    },
  });
  // Agreed at its second revision, needed by nobody, with a permalink longer than a line.
  const spawn = await propose("posix_spawn_file_actions_addchdir_np", {
    implementationKind: "complex",
    asSafety: "unknown",
  });
  const spawn2 = await saveRevision({
    pageId: spawn.pageId,
    baseRevisionId: spawn.revisionId,
    authorId: rep,
    summary: "second",
    text: "Second.",
    fields: {
      guarantee: DEFAULT_GUARANTEE,
      implementationKind: "complex",
      implementationNote: "",
      asSafety: "AS-safe",
    },
  });
  await agree({ pageId: spawn.pageId, revisionId: spawn2.revision.id }, "2026-03-04T08:00:00.000Z");
  await agree(
    await propose("faccessat", { implementationKind: "assembly stub", implementationNote: "pure function" }),
    "2026-03-04T09:00:00.000Z",
  );

  // Under review (a vote cast) and merely proposed.
  const prctl = await propose("prctl", {
    guarantee: "Safe after fork() for PR_SET_PDEATHSIG and PR_SET_NO_NEW_PRIVS only.",
  });
  await castVote(m1, { ...prctl, value: 1, comment: "" });
  await propose("unshare", { implementationNote: "<b>raw HTML</b> stays text" });

  // Rejected with a reason; withdrawn (appears nowhere).
  const cap = await propose("cap_set_proc", {
    implementationKind: "unknown",
    implementationNote: "libcap, not glibc",
    asSafety: "unknown",
  });
  const rejection = await rejectProposal(m2, {
    pageId: cap.pageId,
    reason:
      "cap_set_proc belongs to libcap, not glibc: glibc cannot promise anything about it, so ask the libcap maintainers instead.",
  });
  await db.decision.update({ where: { id: rejection.id }, data: { createdAt: new Date("2026-03-05T15:00:00.000Z") } });
  const maintainer = {
    id: m1,
    role: "maintainer" as const,
    name: "Maintainer One",
    projectIds: [],
    emailVerified: true,
  };
  const fork = await propose("fork", {});
  await withdrawProposal(maintainer, { pageId: fork.pageId, reason: "not needed" });
  // Agreed, then the agreement withdrawn by a maintainer: listed under Withdrawn with the reason.
  const vfork = await propose("vfork", { implementationKind: "complex", asSafety: "AS-unsafe" });
  await agree(vfork, "2026-03-06T09:00:00.000Z");
  const withdrawal = await withdrawProposal(maintainer, {
    pageId: vfork.pageId,
    reason: "The child shares the parent's memory; the agreed wording did not say so.",
  });
  await db.decision.update({ where: { id: withdrawal.id }, data: { createdAt: new Date("2026-03-07T09:00:00.000Z") } });

  await needs("linted", "linted", [
    need("getpid", "required"),
    need("unshare", "required"),
    need("cap_set_proc", "convenient"),
  ]);
  // malloc has no proposal at all: it appears nowhere.
  await needs("systemd", "systemd", [
    need("setgroups", "required"),
    need("prctl", "required"),
    need("getpid", "convenient"),
    need("malloc", "convenient"),
  ]);
});

async function render(query: Partial<ExportQuery>): Promise<string> {
  return exportMarkdown({ underReview: false, group: "status", ...query }, ORIGIN, db, NOW);
}

function golden(name: string, text: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, text);
  }
  expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(text).toBe(readFileSync(file, "utf8"));
}

function section(text: string, heading: string): string {
  const start = text.indexOf(`\n## ${heading}`);
  expect(start, `section ${heading}`).toBeGreaterThan(-1);
  const end = text.indexOf("\n## ", start + 1);
  return text.slice(start, end === -1 ? undefined : end);
}

function checkLines(text: string): void {
  expect(text.endsWith("\n")).toBe(true);
  expect(text).not.toMatch(/(?<!\\)<(?!https:\/\/)[a-z/!?]/i); // no HTML: user text's tags arrive escaped
  let fenced = false;
  for (const line of text.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    // URLs, code blocks and tables are never wrapped.
    if (line.includes("https://") || fenced || line.startsWith("|")) continue;
    expect([...line].length, line).toBeLessThanOrEqual(72);
    expect(line, "no trailing spaces").toBe(line.trimEnd());
  }
}

describe("export for libc-help", () => {
  const variants: [string, Partial<ExportQuery>][] = [
    ["default.md", {}],
    ["under-review.md", { underReview: true }],
    ["by-project.md", { group: "project" }],
    ["no-notes.md", { notes: false }],
  ];

  for (const [file, query] of variants) {
    it(`matches the golden file ${file}, wraps at 72 columns and never shows the pending edit as agreed`, async () => {
      const text = await render(query);
      golden(file, text);
      checkLines(text);
      expect(text.replace(query.underReview ? section(text, "Under review: NOT agreed") : "", "")).not.toContain(
        PENDING,
      );
      const agreed = section(text, "Agreed");
      expect(agreed).toContain("provided the child calls it before any other");
      expect(agreed).toContain(`${ORIGIN}/functions/setgroups/revisions/1`);
      expect(agreed).not.toContain("setgroups/revisions/2");
      expect(agreed).toContain(`${ORIGIN}/functions/posix_spawn_file_actions_addchdir_np/revisions/2`);
      for (const absent of ["`malloc`", "`fork`"]) expect(text).not.toContain(absent);
      expect(section(text, "Not guaranteed")).toContain("`cap_set_proc` (rejected on 2026-03-05)");
      expect(section(text, "Withdrawn")).toContain(
        "`vfork` (agreed at revision 1 on 2026-03-06, withdrawn on 2026-03-07)",
      );
      expect(agreed).not.toContain("`vfork`");
      if (query.notes === false) {
        expect(text).not.toContain("NSS is never consulted");
        expect(text).not.toContain("The agreed text");
      } else {
        expect(agreed).toContain("NSS is never consulted");
        expect(agreed).toContain("the release notes <https://sourceware.org/glibc/wiki/Release/2.25>");
        expect(agreed).toContain("**Why it is safe**");
        expect(agreed).toContain("| ≥ 2.25 | no |");
      }
      if (query.underReview) {
        const review = section(text, "Under review: NOT agreed");
        expect(review).toContain("### `prctl` (in-review, NOT agreed)");
        expect(review).toContain("### `unshare` (proposed, NOT agreed)");
        expect(review).toContain("### `setgroups` (changes to the agreed revision 1, NOT agreed)");
        expect(review).toContain("The text of revision 2 as it stands, NOT agreed:");
        expect(review).toContain(PENDING);
        expect(agreed).not.toContain("prctl");
      } else {
        expect(text).not.toContain("Under review");
        expect(text).not.toContain("`prctl`");
      }
    });
  }

  it("is stable: the same data gives the same bytes, dated by the latest decision without an explicit now", async () => {
    const a = await exportMarkdown({ underReview: false, group: "status" }, ORIGIN);
    const b = await exportMarkdown({ underReview: false, group: "status" }, ORIGIN);
    expect(a).toBe(b);
    expect(a).toContain("as of 2026-03-07.");
    expect(a.replace("as of 2026-03-07.", "as of 2026-04-01.")).toBe(await render({}));
  });

  it("takes a custom introduction, wrapped, in paragraphs", async () => {
    const text = await render({
      intro:
        "Hello libc-help,\n\nthis is the list we discussed in the thread about fork() and threads last month. Please reply with corrections.",
    });
    expect(text).toContain(
      "\nHello libc-help,\n\nthis is the list we discussed in the thread about fork() and threads\nlast month. Please reply with corrections.\n",
    );
    expect(text).not.toContain("have gone through those functions one by one");
    checkLines(text);
  });

  it("loads agreed revisions, never current ones", async () => {
    const data = await loadExportData({ underReview: true });
    const setgroups = data.agreed.find((e) => e.name === "setgroups")!;
    expect([setgroups.revisionNumber, setgroups.fields.asSafety]).toEqual([1, "AS-unsafe"]);
    expect(data.underReview!.map((e) => [e.name, e.pendingOf]).sort()).toEqual([
      ["prctl", null],
      ["setgroups", 1],
      ["unshare", null],
    ]);
    expect(data.withdrawn.map((e) => [e.name, e.agreedEarlier?.revisionNumber])).toEqual([["vfork", 1]]);
    expect(data.rejected.map((e) => e.name)).toEqual(["cap_set_proc"]);
  });

  it("says so when nothing is agreed or rejected", () => {
    const text = renderExport(
      { agreed: [], underReview: [], rejected: [], withdrawn: [] },
      { origin: ORIGIN, underReview: true, group: "status" },
    );
    expect(text).toContain("nothing has been decided yet");
    expect(text).toContain("Nothing has been agreed yet.");
    expect(text).toContain("Nothing is under review.");
    expect(text).toContain("No request has been rejected.");
  });

  it("parses the URL options: unknown values fall back to defaults, a too-long intro is refused", () => {
    expect(parseExportQuery({ underReview: "1", group: "project", intro: " Hi \r\n" })).toEqual({
      ok: true,
      query: { underReview: true, group: "project", notes: true, intro: "Hi" },
    });
    expect(parseExportQuery({ underReview: "yes please", group: "nonsense" })).toEqual({
      ok: true,
      query: { underReview: false, group: "status", notes: true },
    });
    expect(parseExportQuery({ notes: "0" })).toMatchObject({ ok: true, query: { notes: false } });
    const long = parseExportQuery({ intro: "x".repeat(2001) });
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.error).toMatch(/under 2,000 characters/);
  });
});
