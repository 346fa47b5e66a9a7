/**
 * The words, links and JSON shape for implementation evidence (how glibc implements a function,
 * read from a source tree by `classify.ts` and recorded by `import.ts`).
 */
import type { ImplementationKind as EvidenceKind } from "@/lib/evidence/classify";
import type { ImplementationKind as EstimateKind } from "@/lib/pages/fields";

/** The evidence fields these helpers read (an `ImplementationEvidence` row or a classifier result). */
export interface EvidenceFacts {
  kind: string;
  path: string;
  syscall: string;
}

/** The exact facts (issue 20): where the symbol comes from, the syscalls made, the wrapper chain, the flags. */
export interface ExactEvidenceFacts extends EvidenceFacts {
  provider: string;
  line: number;
  syscalls: string[];
  via: string[];
  flags: string[];
}

/** The columns of an `ImplementationEvidence` row that make its `ExactEvidenceFacts`, for Prisma selects. */
export const exactEvidenceSelect = {
  kind: true,
  path: true,
  syscall: true,
  provider: true,
  line: true,
  syscalls: true,
  via: true,
  flags: true,
} as const;

/** One piece of the sentence: plain words, a name set in code, or the provider's file linked to its line. */
export type SentencePart = { text: string } | { code: string } | { file: string; line: number };

const FLAG_WORDS: Readonly<Record<string, string>> = {
  E: "it sets no errno (syscalls.list flag E)",
  V: "it returns the error number instead of setting errno (syscalls.list flag V)",
  EXTRA: "it is an EXTRA stub, a routine of its own",
  cancellation: "it is a cancellation point",
};

function listOf(names: string[], noun: string): SentencePart[] {
  const parts: SentencePart[] = [];
  names.forEach((n, i) => {
    if (i > 0) parts.push({ text: i === names.length - 1 ? " and " : ", " });
    parts.push({ code: n });
  });
  parts.push({ text: ` ${noun}${names.length > 1 ? "s" : ""}` });
  return parts;
}

/**
 * What the evidence says about `name`, as a sentence in parts ("`open` is a thin wrapper in
 * `sysdeps/unix/sysv/linux/open64.c` that makes the `openat` system call"); the page links the file
 * part to its line at the import's commit.
 */
export function evidenceSentence(name: string, e: ExactEvidenceFacts): SentencePart[] {
  const file = e.provider || e.path;
  const where: SentencePart[] = file ? [{ file, line: e.line }] : [];
  const parts: SentencePart[] = [{ code: name }];
  const what: Record<string, string> = {
    "syscall-stub": " is a system call stub generated from ",
    assembly: " is written in assembly in ",
    ifunc: " picks an implementation when the program is loaded (IFUNC) in ",
    "setxid-broadcast": " broadcasts the call to every thread (INLINE_SETXID_SYSCALL) in ",
    "syscall-wrapper": " is a thin wrapper in ",
    c: " is C code (more than a thin wrapper around one system call) in ",
  };
  if (e.kind === "absent") {
    return [
      ...parts,
      { text: " is absent from glibc's tree: no file, syscalls.list line or alias of a routine names it" },
    ];
  }
  parts.push({ text: what[e.kind] ?? ` is ${e.kind} in ` }, ...where);
  if (e.provider && e.provider !== e.path) {
    parts.push({ text: " (" }, { code: e.path }, { text: " wins the search but compiles to nothing here)" });
  }
  if (e.via.length) parts.push({ text: " that goes through the " }, ...listOf(e.via, "function"));
  if (e.syscalls.length) {
    parts.push({ text: e.via.length ? " and makes the " : " that makes the " }, ...listOf(e.syscalls, "system call"));
  }
  const flags = e.flags.map((f) => FLAG_WORDS[f] ?? `flag ${f}`);
  if (flags.length) parts.push({ text: `; ${flags.join("; ")}` });
  return parts;
}

/** The sentence as plain text (names in backquotes, the file with its line). */
export function evidenceSentenceText(name: string, e: ExactEvidenceFacts): string {
  return evidenceSentence(name, e)
    .map((p) => ("text" in p ? p.text : "code" in p ? `\`${p.code}\`` : `\`${p.file}${p.line ? `:${p.line}` : ""}\``))
    .join("");
}

/** A sentence about the evidence in three parts, so that a page can link the path: `before` + path + `after`. */
export interface EvidenceWords {
  before: string;
  path: string;
  after: string;
}

/** Short names of the kinds, for filters and badges. */
export const EVIDENCE_KIND_LABELS: Readonly<Record<EvidenceKind, string>> = {
  "syscall-stub": "syscall stub (syscalls.list)",
  assembly: "assembly (.S)",
  ifunc: "IFUNC (chosen at load time)",
  "setxid-broadcast": "set*id broadcast to all threads",
  "syscall-wrapper": "thin C wrapper around one syscall",
  c: "C code",
  absent: "absent from glibc's tree",
};

export function evidenceKindLabel(kind: string): string {
  return (EVIDENCE_KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

/** What the evidence says, as a sentence starting in lower case, split around the path. */
export function evidenceWords(e: EvidenceFacts): EvidenceWords {
  switch (e.kind) {
    case "syscall-stub":
      return { before: "syscall stub generated from ", path: e.path, after: e.syscall ? `: syscall ${e.syscall}` : "" };
    case "assembly":
      return { before: "assembly in ", path: e.path, after: "" };
    case "ifunc":
      return {
        before: "C function that picks an implementation when the program is loaded (IFUNC) in ",
        path: e.path,
        after: "",
      };
    case "setxid-broadcast":
      return {
        before: "C function that broadcasts the call to every thread (INLINE_SETXID_SYSCALL) in ",
        path: e.path,
        after: "",
      };
    case "syscall-wrapper":
      return {
        before: e.syscall
          ? `thin C wrapper around the system call ${e.syscall} in `
          : "thin C wrapper around one system call in ",
        path: e.path,
        after: "",
      };
    case "c":
      return { before: "C code in ", path: e.path, after: " (more than a thin wrapper around one system call)" };
    case "absent":
      return {
        before:
          "absent from glibc's tree: no file and no syscalls.list line is named after it (not a glibc " +
          "function, or defined in a file with another name)",
        path: "",
        after: "",
      };
    default:
      return {
        before: `${e.kind}${e.path ? " in " : ""}`,
        path: e.path,
        after: e.syscall ? `: syscall ${e.syscall}` : "",
      };
  }
}

/** The whole sentence as plain text. */
export function describeEvidence(e: EvidenceFacts): string {
  const w = evidenceWords(e);
  return `${w.before}${w.path}${w.after}`;
}

/** The 40-hex commit named in an import's source ("glibc 04e750e7…", "fixture <sha>"), or null. */
export function commitOfSource(source: string): string | null {
  return /\b[0-9a-f]{40}\b/i.exec(source)?.[0]?.toLowerCase() ?? null;
}

/** The file in glibc's public git web view, at the import's commit (HEAD when the source names none), at a line. */
export function glibcBlobUrl(path: string, source: string, line = 0): string {
  const file = path.split("/").map(encodeURIComponent).join("/");
  const url = `https://sourceware.org/git/?p=glibc.git;a=blob;f=${file};hb=${commitOfSource(source) ?? "HEAD"}`;
  return line > 0 ? `${url}#l${line}` : url;
}

/**
 * The estimate to start from when a maintainer bases a proposal on the evidence:
 * a syscalls.list stub or a thin wrapper is a syscall stub, a .S file an assembly stub,
 * anything with more C (set*id broadcast, IFUNC, other C) complex, and a name glibc's tree
 * lacks stays unknown with a note saying so. The note records where the estimate came from.
 */
export function estimateFromEvidence(e: EvidenceFacts & { provider?: string }): {
  implementationKind: EstimateKind;
  implementationNote: string;
} {
  // The file whose code provides the function (open64.c for open), not the one that only wins the search.
  const where = [e.provider || e.path, e.syscall ? `syscall ${e.syscall}` : ""].filter(Boolean).join(", ");
  const note = `evidence: ${e.kind}${where ? ` (${where})` : ""}`;
  switch (e.kind) {
    case "syscall-stub":
    case "syscall-wrapper":
      return { implementationKind: "syscall stub", implementationNote: note };
    case "assembly":
      return { implementationKind: "assembly stub", implementationNote: note };
    case "setxid-broadcast":
    case "ifunc":
    case "c":
      return { implementationKind: "complex", implementationNote: note };
    default:
      return {
        implementationKind: "unknown",
        implementationNote: "not in glibc's tree by that name (evidence: absent)",
      };
  }
}

/** The evidence in the JSON API (`implementation`): null when none has been imported. */
export function evidenceJson(e: ExactEvidenceFacts | null | undefined) {
  if (!e) return null;
  const { kind, path, syscall, provider, line, syscalls, via, flags } = e;
  return { kind, path, syscall, provider, line, syscalls, via, flags };
}
