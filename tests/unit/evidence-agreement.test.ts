import { describe, expect, it } from "vitest";
import { DISAGREEING_PAIRS, disagreementReason, estimateDisagrees, EVIDENCE_KINDS } from "@/lib/evidence/agreement";
import {
  commitOfSource,
  describeEvidence,
  estimateFromEvidence,
  evidenceJson,
  glibcBlobUrl,
} from "@/lib/evidence/describe";
import { IMPLEMENTATION_KINDS } from "@/lib/pages/fields";

const LIST = "sysdeps/unix/sysv/linux/syscalls.list";

describe("estimate vs evidence", () => {
  it("follows the documented table", () => {
    const table: Record<string, string[]> = {
      "syscall stub": ["assembly", "ifunc", "setxid-broadcast", "c", "absent"],
      "assembly stub": ["syscall-stub", "ifunc", "setxid-broadcast", "syscall-wrapper", "c", "absent"],
      complex: ["syscall-stub", "assembly"],
      unknown: [],
    };
    for (const estimate of IMPLEMENTATION_KINDS) {
      expect(
        EVIDENCE_KINDS.filter((k) => estimateDisagrees(estimate, k)),
        estimate,
      ).toEqual(table[estimate]);
    }
    expect(DISAGREEING_PAIRS).toHaveLength(13);
  });

  it("never disagrees without an estimate, without evidence, or on values it does not know", () => {
    expect(estimateDisagrees(null, "c")).toBe(false);
    expect(estimateDisagrees("syscall stub", null)).toBe(false);
    expect(estimateDisagrees("syscall stub", "something-new")).toBe(false);
    expect(estimateDisagrees("guess", "c")).toBe(false);
    expect(disagreementReason("complex", "syscall-wrapper")).toBe("");
    expect(disagreementReason("syscall stub", "absent")).toMatch(/neither/);
  });

  it("an estimate started from the evidence never disagrees with it", () => {
    for (const kind of EVIDENCE_KINDS) {
      const start = estimateFromEvidence({ kind, path: kind === "absent" ? "" : "sysdeps/x/f.c", syscall: "" });
      expect(estimateDisagrees(start.implementationKind, kind), kind).toBe(false);
    }
  });
});

describe("evidence in words", () => {
  it("describes each kind with its file", () => {
    expect(describeEvidence({ kind: "syscall-stub", path: LIST, syscall: "unshare" })).toBe(
      `syscall stub generated from ${LIST}: syscall unshare`,
    );
    expect(describeEvidence({ kind: "assembly", path: "sysdeps/unix/sysv/linux/x86_64/syscall.S", syscall: "" })).toBe(
      "assembly in sysdeps/unix/sysv/linux/x86_64/syscall.S",
    );
    expect(
      describeEvidence({ kind: "setxid-broadcast", path: "sysdeps/unix/sysv/linux/setgroups.c", syscall: "" }),
    ).toBe(
      "C function that broadcasts the call to every thread (INLINE_SETXID_SYSCALL) in sysdeps/unix/sysv/linux/setgroups.c",
    );
    expect(
      describeEvidence({ kind: "syscall-wrapper", path: "sysdeps/unix/sysv/linux/umount2.c", syscall: "umount2" }),
    ).toBe("thin C wrapper around the system call umount2 in sysdeps/unix/sysv/linux/umount2.c");
    expect(describeEvidence({ kind: "absent", path: "", syscall: "" })).toMatch(/^absent from glibc's tree/);
  });

  it("links to the file at the import's commit, else HEAD", () => {
    expect(commitOfSource("glibc 04E750E75B73957CF1C791535A3F4319534A52FC (checkout)")).toBe(
      "04e750e75b73957cf1c791535a3f4319534a52fc",
    );
    expect(glibcBlobUrl(LIST, "fixture 0123456789abcdef0123456789abcdef01234567")).toBe(
      `https://sourceware.org/git/?p=glibc.git;a=blob;f=${LIST};hb=0123456789abcdef0123456789abcdef01234567`,
    );
    expect(glibcBlobUrl("misc/syscall.c", "glibc 2.41")).toBe(
      "https://sourceware.org/git/?p=glibc.git;a=blob;f=misc/syscall.c;hb=HEAD",
    );
  });

  it("starts an estimate from the evidence and shapes it for the API", () => {
    expect(estimateFromEvidence({ kind: "syscall-stub", path: LIST, syscall: "unshare" })).toEqual({
      implementationKind: "syscall stub",
      implementationNote: `evidence: syscall-stub (${LIST}, syscall unshare)`,
    });
    expect(
      estimateFromEvidence({ kind: "syscall-wrapper", path: "sysdeps/unix/sysv/linux/umount2.c", syscall: "umount2" })
        .implementationKind,
    ).toBe("syscall stub");
    expect(estimateFromEvidence({ kind: "assembly", path: "a.S", syscall: "" }).implementationKind).toBe(
      "assembly stub",
    );
    for (const kind of ["setxid-broadcast", "ifunc", "c"])
      expect(estimateFromEvidence({ kind, path: "f.c", syscall: "" }).implementationKind).toBe("complex");
    expect(estimateFromEvidence({ kind: "absent", path: "", syscall: "" })).toEqual({
      implementationKind: "unknown",
      implementationNote: expect.stringMatching(/^not in glibc/),
    });
    expect(evidenceJson(null)).toBeNull();
    expect(evidenceJson({ kind: "assembly", path: "a.S", syscall: "", id: 3 } as never)).toEqual({
      kind: "assembly",
      path: "a.S",
      syscall: "",
    });
  });
});
