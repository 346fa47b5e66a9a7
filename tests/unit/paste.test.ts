import { describe, expect, it } from "vitest";
import { readPaste } from "@/lib/projects/paste";
import { closeMatches } from "@/lib/functions/suggest";

// A slice of the catalog: glibc manual and POSIX names, some of them English words (fork, read, mount, time).
const CATALOG = new Set([
  "unshare",
  "mount",
  "syscall",
  "pivot_root",
  "umount2",
  "setgroups",
  "getgroups",
  "cap_set_proc",
  "prctl",
  "fork",
  "read",
  "write",
  "close",
  "time",
  "dup2",
  "execve",
  "_exit",
  "sigprocmask",
  "strfry",
  "getpwnam",
  "function",
]);
const inCatalog = (name: string) => CATALOG.has(name);
const names = (text: string) => readPaste(text, inCatalog).names.map((n) => n.function);

const EMAIL_2014 =
  "the only functions I absolutely need to be safe after a fork from a threaded program are unshare, mount, " +
  "syscall (for pivot_root only), umount2, setgroups, cap_set_proc and prctl.";

// A reply as a mail client quotes it: an attribution line, the question quoted, wrapped prose with a misspelt
// call in the middle of a sentence, a list, a sign-off and a signature.
const REPLY = `Hi Carlos,

Sorry for the slow answer, I was away on Thursday and back since 4 March.

On Mon, 3 Mar 2014 at 10:12, Carlos O'Donell <carlos@redhat.com> wrote:
> Which functions does linted call in the child? Please list them, one
> per line if you can. We need the path you call them from.
>
> --
> Carlos

We call \`unshare\` first, then mount the new root and call setgroup() before
dropping capabilities with cap_set_proc; getpwnam is used too, sorry about
that. The child ends with execve(2), or _exit on error. Later we may need
clone3 or pidfd_open.

- dup2 (fd shuffling)
- sigprocmask

Thanks,
Steven
`;

describe("paste from an email", () => {
  it("extracts exactly the seven functions of the 2014 paragraph, with syscall's note as context", () => {
    const reading = readPaste(EMAIL_2014, inCatalog);
    expect(reading.names).toEqual([
      { function: "unshare", context: "" },
      { function: "mount", context: "" },
      { function: "syscall", context: "for pivot_root only" },
      { function: "umount2", context: "" },
      { function: "setgroups", context: "" },
      { function: "cap_set_proc", context: "" },
      { function: "prctl", context: "" },
    ]);
    // "fork" is in the catalog but the sentence does not list it; "program" is English.
    expect(reading.setAside).toEqual([]);
  });

  it("reads a real reply: calls, backticks and list lines, catalog names in prose, nothing else offered", () => {
    const reading = readPaste(REPLY, inCatalog);
    expect(reading.names).toEqual([
      { function: "unshare", context: "" },
      { function: "setgroup", context: "" },
      { function: "cap_set_proc", context: "" },
      { function: "getpwnam", context: "" },
      { function: "execve", context: "" },
      { function: "_exit", context: "" },
      { function: "dup2", context: "fd shuffling" },
      { function: "sigprocmask", context: "" },
    ]);
    // The quoted question's words, the weekday and month, "path", "call", "sorry", the greeting's name and
    // "mount" (a catalog name, but a verb in a sentence that lists nothing) are not offered; the names the
    // catalog lacks are set aside, and the mail's own parts are left out.
    expect(reading.setAside).toEqual(["clone3", "pidfd_open"]);
    expect(reading.leftOut).toEqual([
      "On Mon, 3 Mar 2014 at 10:12, Carlos O'Donell <carlos@redhat.com> wrote:",
      "--",
      "Carlos",
      "Thanks,",
      "Steven",
    ]);
  });

  it("a misspelt call in the middle of a sentence is taken, with a did-you-mean", () => {
    const text = "We then call setgroup() to drop\nthe supplementary groups.";
    expect(names(text)).toEqual(["setgroup"]);
    expect(closeMatches("setgroup", [...CATALOG])).toEqual(["setgroups"]);
  });

  it("reads one name per line, with bullets, calls, man sections and notes", () => {
    expect(readPaste("- dup2 (fd shuffling)\n* execve()\n3. _exit\n> sigprocmask\nwrit(2)", inCatalog).names).toEqual([
      { function: "dup2", context: "fd shuffling" },
      { function: "execve", context: "" },
      { function: "_exit", context: "" },
      { function: "sigprocmask", context: "" },
      { function: "writ", context: "" },
    ]);
  });

  it("takes a catalog name that is an English word only where a sentence lists it", () => {
    expect(names("I read your mail at the time of the fork discussion.")).toEqual([]);
    expect(names("We need fork, read and write.")).toEqual(["fork", "read", "write"]);
    expect(names("The function(s) we need are listed below")).toEqual([]);
  });

  it("keeps each name once, and sets aside list items and code-like words that the catalog lacks", () => {
    const reading = readPaste("We need close, close and setgrop; also SYS_pivot_root in syscall()", inCatalog);
    expect(reading.names.map((n) => n.function)).toEqual(["close", "syscall"]);
    expect(reading.setAside).toEqual(["setgrop", "SYS_pivot_root"]);
  });

  it("never offers weekdays, months, contractions or addresses", () => {
    const reading = readPaste("Friday, March 7, May or June: don't, I'm, x_y@example.org, see", inCatalog);
    expect(reading).toEqual({ names: [], setAside: [], leftOut: [] });
  });

  it("suggests close catalog names", () => {
    expect(closeMatches("setgroup", ["setgroups", "getgroups", "setgid", "printf"])).toEqual(["setgroups"]);
    expect(closeMatches("getgroup", ["setgroups", "getgroups"])).toEqual(["getgroups"]);
    expect(closeMatches("setxid", ["setuid", "setgid", "printf"])).toEqual(["setgid", "setuid"]);
    expect(closeMatches("zzzzzz", ["setgroups"])).toEqual([]);
  });
});
