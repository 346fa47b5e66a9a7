import { describe, expect, it } from "vitest";
import { extractNames } from "@/lib/projects/paste";
import { closeMatches } from "@/lib/functions/suggest";

const EMAIL_2014 =
  "the only functions I absolutely need to be safe after a fork from a threaded program are unshare, mount, syscall (for pivot_root only), umount2, setgroups, cap_set_proc and prctl.";

describe("paste from an email", () => {
  it("extracts exactly the seven functions of the 2014 paragraph, with syscall's note as context", () => {
    expect(extractNames(EMAIL_2014)).toEqual([
      { function: "unshare", context: "" },
      { function: "mount", context: "" },
      { function: "syscall", context: "for pivot_root only" },
      { function: "umount2", context: "" },
      { function: "setgroups", context: "" },
      { function: "cap_set_proc", context: "" },
      { function: "prctl", context: "" },
    ]);
  });

  it("reads one name per line, with bullets, calls and notes", () => {
    expect(extractNames("- dup2 (fd shuffling)\n* execve()\n3. _exit\n> sigprocmask")).toEqual([
      { function: "dup2", context: "fd shuffling" },
      { function: "execve", context: "" },
      { function: "_exit", context: "" },
      { function: "sigprocmask", context: "" },
    ]);
  });

  it("keeps each name once and sets nothing aside silently", () => {
    expect(extractNames("We need close, close and setgroup.").map((n) => n.function)).toEqual(["close", "setgroup"]);
  });

  it("suggests close catalog names", () => {
    expect(closeMatches("setgroup", ["setgroups", "getgroups", "setgid", "printf"])).toEqual(["setgroups"]);
    expect(closeMatches("getgroup", ["setgroups", "getgroups"])).toEqual(["getgroups"]);
    expect(closeMatches("setxid", ["setuid", "setgid", "printf"])).toEqual(["setgid", "setuid"]);
    expect(closeMatches("zzzzzz", ["setgroups"])).toEqual([]);
  });
});
