import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseSignalSafetyManPage, type PosixRow } from "@/lib/reference/manpage";
import { ReferenceParseError } from "@/lib/reference/parse-error";

const page = readFileSync(fileURLToPath(new URL("../fixtures/signal-safety.7", import.meta.url)), "utf8");

function failure(run: () => unknown): ReferenceParseError {
  try {
    run();
  } catch (e) {
    if (e instanceof ReferenceParseError) return e;
    throw e;
  }
  throw new Error("expected a ReferenceParseError");
}

describe("parseSignalSafetyManPage", () => {
  const rows = parseSignalSafetyManPage(page, "signal-safety.7");
  const row = (name: string): PosixRow => {
    const found = rows.find((r) => r.function === name);
    expect(found, name).toBeDefined();
    return found!;
  };

  it("lists the table's functions in order, skipping the header row", () => {
    expect(rows.filter((r) => r.status === "listed").map((r) => r.function)).toEqual([
      "abort",
      "accept",
      "aio_suspend",
      "execl",
      "fork",
      "_Fork",
      "longjmp",
      "write",
    ]);
  });

  it("reads the function, its manual section and the verbatim Notes cell", () => {
    expect(row("abort")).toEqual({
      function: "abort",
      note: "Added in POSIX.1-2001 TC1",
      status: "listed",
      manSection: "3",
      remark: "",
    });
    expect(row("accept")).toMatchObject({ note: "", manSection: "2", remark: "" });
    expect(row("_Fork")).toMatchObject({ note: "", manSection: "3", status: "listed" });
  });

  it("reads T{ ... T} text blocks in either column", () => {
    expect(row("execl")).toMatchObject({ note: "Added in POSIX.1-2008; see notes below", manSection: "3" });
    expect(row("longjmp")).toMatchObject({ note: "Added in POSIX.1-2008 TC2; see notes below", manSection: "3" });
  });

  it("turns the notes that name a listed function into its remark", () => {
    expect(row("longjmp").remark).toBe(
      "page note: A handler that leaves through longjmp(3) must not be followed by a call to an unsafe function.",
    );
    expect(row("execl").remark).toBe(
      "page (Deviations in the GNU C library): Old versions of execl(3) called realloc(3).",
    );
    expect(row("aio_suspend").remark).toBe("page (Deviations in the GNU C library): aio_suspend(3) takes a lock.");
  });

  it("keeps fork as the page gives it: listed, with its note as remark", () => {
    expect(row("fork")).toMatchObject({
      status: "listed",
      note: "See notes below",
      manSection: "2",
      remark:
        "page note: Calling fork(2) from a handler is undefined if a pthread_atfork(3) handler is not async-signal-safe.",
    });
    expect(rows.some((r) => r.function === "pthread_atfork" || r.function === "realloc")).toBe(false);
  });

  it("reports the functions the notes say were removed", () => {
    const removed = rows.filter((r) => r.status === "removed");
    expect(removed.map((r) => [r.function, r.manSection])).toEqual([
      ["fpathconf", "3"],
      ["pathconf", "3"],
      ["sysconf", "3"],
    ]);
    for (const r of removed) {
      expect(r.note).toBe("Required by POSIX.1-2001 and POSIX.1-2001 TC2; requirement removed in POSIX.1-2008");
      expect(r.remark).toBe("from the Notes list below the table");
    }
  });

  it("does not report a function that the newest pages no longer list", () => {
    const newest = page.replace("\\fBfork\\fP(2)\tSee notes below\n", "");
    const parsed = parseSignalSafetyManPage(newest, "signal-safety.7");
    expect(parsed.some((r) => r.function === "fork")).toBe(false);
    expect(parsed.find((r) => r.function === "_Fork")?.status).toBe("listed");
  });
});

describe("parseSignalSafetyManPage on malformed input", () => {
  it("rejects a page with no table", () => {
    const err = failure(() => parseSignalSafetyManPage(".TH x 7\n.SH NAME\nx \\- y\n", "x.7"));
    expect(err.message).toBe("x.7:1: no tbl table (.TS ... .TE) found");
  });

  it("rejects a table that is never closed", () => {
    const err = failure(() => parseSignalSafetyManPage(".SH A\n.TS\nl l.\n\\fBabort\\fP(3)\n", "x.7"));
    expect(err.message).toBe("x.7:2: .TS table is not closed by .TE");
  });

  it("rejects a row with no function, at its line", () => {
    const broken = page.replace("\\f[B]accept\\f[](2)\n", "\tAdded in POSIX.1-2008\n");
    const line = broken.split("\n").indexOf("\tAdded in POSIX.1-2008") + 1;
    const err = failure(() => parseSignalSafetyManPage(broken, "signal-safety.7"));
    expect(err.line).toBe(line);
    expect(err.message).toMatch(new RegExp(`^signal-safety\\.7:${line}: table row has no function`));
  });

  it("rejects an unclosed T{ block", () => {
    const text = ".TS\nl l.\n\\fBabort\\fP(3)\tT{\nAdded in POSIX.1-2001 TC1\n.TE\n";
    expect(() => parseSignalSafetyManPage(text, "x.7")).toThrow("x.7:3: T{ text block is not closed by T}");
  });

  it("rejects a table without a function", () => {
    expect(() => parseSignalSafetyManPage(".TS\nlb lb.\nFunction\tNotes\n.TE\n", "x.7")).toThrow(
      "x.7:1: the table lists no functions",
    );
  });
});
