/**
 * When the maintainers' estimate of a function (`Function.estimateKind`, the proposal's
 * implementation kind) disagrees with what glibc's source tree shows (`ImplementationEvidence.kind`).
 *
 * An estimate names how glibc implements the function; the evidence is what the importer read
 * from a checkout for one target. They disagree when the evidence rules the estimate out:
 *
 * - `syscall stub` agrees with syscall-stub and syscall-wrapper; disagrees with assembly, ifunc,
 *   setxid-broadcast, c and absent.
 * - `assembly stub` agrees with assembly; disagrees with syscall-stub, ifunc, setxid-broadcast,
 *   syscall-wrapper, c and absent.
 * - `complex` agrees with ifunc, setxid-broadcast, syscall-wrapper, c and absent; disagrees with
 *   syscall-stub and assembly.
 * - `unknown` agrees with everything (an open estimate never disagrees).
 *
 * Why:
 * - A syscall stub is one system call and nothing else. A generated stub (syscalls.list) or a thin
 *   C wrapper around one syscall both fit; anything with more code (a C body, an IFUNC selector,
 *   the set*id broadcast to every thread) or hand-written assembly does not, and a function glibc's
 *   tree does not have by name cannot be one of glibc's syscall stubs (they are all named by their
 *   file or a syscalls.list line).
 * - An assembly stub is a `.S` file, so only `assembly` evidence fits it.
 * - "complex" says the function is more than a stub; the evidence contradicts that only when it
 *   *is* a stub (a syscalls.list line or a `.S` file). A thin wrapper is left alone: it is C and
 *   may be judged more than a syscall (argument adjustment, cancellation). `absent` does not
 *   contradict it either, because "absent" means only that no file or syscalls.list line is named
 *   after the function: many glibc functions live in files with other names (`s_fabs.c`,
 *   `argp-parse.c`), and the classifier cannot see them.
 * - No estimate (null) and `unknown` never disagree.
 *
 * The catalog's "estimate disagrees with evidence" filter is built from the same table
 * (`DISAGREEING_PAIRS`), so the filter, the function page and the review page cannot drift apart.
 */
import type { ImplementationKind as EvidenceKind } from "@/lib/evidence/classify";
import { IMPLEMENTATION_KINDS, type ImplementationKind as EstimateKind } from "@/lib/pages/fields";

export const EVIDENCE_KINDS = [
  "syscall-stub",
  "assembly",
  "ifunc",
  "setxid-broadcast",
  "syscall-wrapper",
  "c",
  "absent",
] as const satisfies readonly EvidenceKind[];

/** For each estimate, the evidence kinds that agree with it (the table above). */
export const AGREEING_EVIDENCE: Readonly<Record<EstimateKind, readonly EvidenceKind[]>> = {
  "syscall stub": ["syscall-stub", "syscall-wrapper"],
  "assembly stub": ["assembly"],
  complex: ["ifunc", "setxid-broadcast", "syscall-wrapper", "c", "absent"],
  unknown: EVIDENCE_KINDS,
};

export function isEvidenceKind(value: string): value is EvidenceKind {
  return (EVIDENCE_KINDS as readonly string[]).includes(value);
}

function isEstimateKind(value: string): value is EstimateKind {
  return (IMPLEMENTATION_KINDS as readonly string[]).includes(value);
}

/**
 * True when the estimate and the evidence disagree. A missing estimate or evidence, an
 * `unknown` estimate, and values outside the known kinds never disagree.
 */
export function estimateDisagrees(estimate: string | null | undefined, evidence: string | null | undefined): boolean {
  if (!estimate || !evidence || !isEstimateKind(estimate) || !isEvidenceKind(evidence)) return false;
  return !AGREEING_EVIDENCE[estimate].includes(evidence);
}

/** Every (estimate, evidence kind) pair that disagrees, for SQL filters. */
export const DISAGREEING_PAIRS: readonly (readonly [EstimateKind, EvidenceKind])[] = IMPLEMENTATION_KINDS.flatMap(
  (estimate) =>
    EVIDENCE_KINDS.filter((kind) => estimateDisagrees(estimate, kind)).map((kind) => [estimate, kind] as const),
);

/** Why they disagree, in a sentence (for the notices); "" when they do not. */
export function disagreementReason(estimate: string | null | undefined, evidence: string | null | undefined): string {
  if (!estimateDisagrees(estimate, evidence)) return "";
  switch (estimate as EstimateKind) {
    case "syscall stub":
      return evidence === "absent"
        ? "A syscall stub would be a file or a syscalls.list line named after the function, and glibc's " +
            "tree has neither."
        : "A syscall stub is one system call and nothing more; the source shows more than that.";
    case "assembly stub":
      return evidence === "absent"
        ? "An assembly stub would be a .S file named after the function, and glibc's tree has none."
        : "An assembly stub is a .S file; the source the build uses for this target is not one.";
    case "complex":
      return "The estimate says it is more than a stub, but the source the build uses for this target is a stub.";
    default:
      return "";
  }
}
