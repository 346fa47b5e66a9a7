// Synthetic prose and structured fields for the benchmark dataset. Everything
// is drawn from a seeded generator so each run builds the same data.
import {
  AS_SAFETY_ESTIMATES,
  DEFAULT_GUARANTEE,
  IMPLEMENTATION_KINDS,
  PRIORITIES,
  type NeedRow,
  type ProposalFields,
} from "../lib/pages/fields";

export type Random = () => number;

const WORDS = (
  "fork child parent thread lock mutex malloc arena heap signal handler async safe unsafe syscall stub wrapper errno " +
  "vfork clone exec environment descriptor table cache stdio buffer atfork callback reentrant global state locale " +
  "dynamic loader symbol resolution lazy binding pthread cancellation credentials broadcast setxid " +
  "kernel return value " +
  "implementation glibc manual annotation posix list guarantee estimate review maintainer project needs spawn sandbox"
).split(" ");

const CONTEXTS = [
  "spawn.c",
  "after clone()",
  "sandbox setup",
  "before execve()",
  "container init",
  "zygote",
  "helper process",
  "namespace setup",
];

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

export function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function sentence(random: Random, min = 8, max = 16): string {
  const words = Array.from({ length: between(random, min, max) }, () => pick(random, WORDS));
  const text = words.join(" ");
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

export function paragraph(random: Random): string {
  return Array.from({ length: between(random, 2, 5) }, () => sentence(random)).join(" ");
}

export function proposalFields(random: Random): ProposalFields {
  return {
    guarantee: random() < 0.8 ? DEFAULT_GUARANTEE : `Safe in the child after fork(): ${sentence(random, 4, 8)}`,
    implementationKind: pick(random, IMPLEMENTATION_KINDS),
    implementationNote: random() < 0.2 ? sentence(random, 2, 5) : "",
    asSafety: pick(random, AS_SAFETY_ESTIMATES),
  };
}

/** The next revision of a proposal: mostly prose edits, sometimes a changed estimate. */
export function editProposal(
  random: Random,
  paragraphs: string[],
  fields: ProposalFields,
): { paragraphs: string[]; fields: ProposalFields } {
  const next = [...paragraphs];
  const at = Math.floor(random() * next.length);
  if (next.length < 3 || random() < 0.4) next.splice(at, 0, paragraph(random));
  else if (random() < 0.8) next[at] = paragraph(random);
  else next.splice(at, 1);
  const changed =
    random() < 0.25
      ? {
          ...fields,
          ...(random() < 0.5
            ? { asSafety: pick(random, AS_SAFETY_ESTIMATES) }
            : { implementationKind: pick(random, IMPLEMENTATION_KINDS) }),
        }
      : fields;
  return { paragraphs: next, fields: changed };
}

export function needRow(random: Random, fn: string): NeedRow {
  return {
    function: fn,
    priority: pick(random, PRIORITIES),
    rationale: random() < 0.6 ? sentence(random, 6, 14) : "",
    context: random() < 0.5 ? pick(random, CONTEXTS) : "",
  };
}

/** The 2,000-line text of the diff benchmark's page, and the same text with `changed` scattered lines edited. */
export function longTexts(random: Random, lines: number, changed: number): { before: string; after: string } {
  const before = Array.from(
    { length: lines },
    (_, i) => `${i % 40 === 0 ? "## " : "- "}line ${i + 1}: ${sentence(random, 5, 9)}`,
  );
  const after = [...before];
  const stride = Math.floor(lines / changed);
  for (let k = 0; k < changed; k++) {
    const i = k * stride + Math.floor(random() * stride);
    after[i] = `${before[i]!.slice(0, -1)} ${sentence(random, 2, 4).toLowerCase()}`;
  }
  return { before: before.join("\n"), after: after.join("\n") };
}
