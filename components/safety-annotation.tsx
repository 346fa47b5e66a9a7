import { Fragment, useId } from "react";
import { safetyParts, type SafetyAnnotation } from "@/lib/reference/format";
import { explainNote, PRELIMINARY, SAFETY_LEVELS, type SafetyLevel } from "@/lib/reference/keywords";

/** One level label ("AS-Unsafe") or one note ("race:stream") of an annotation, with its explanation. */
interface Term {
  kind: "level" | "note";
  /** The text shown in the line, such as "AS-Unsafe" or "race:stream". */
  label: string;
  /** The level the term belongs to, such as "AS-Unsafe", when the level is one of the six known ones. */
  level?: SafetyLevel;
  /** The explanation, without the label in front. */
  explanation: string;
}

function asLevel(label: string): SafetyLevel | undefined {
  return Object.hasOwn(SAFETY_LEVELS, label) ? (label as SafetyLevel) : undefined;
}

/** The terms of each part, in display order: the level label first, then its notes. */
function termsOf(annotation: SafetyAnnotation): Term[][] {
  return safetyParts(annotation).map((part) => {
    const level = asLevel(part.label);
    const head: Term = {
      kind: "level",
      label: part.label,
      level,
      explanation: level ? SAFETY_LEVELS[level] : "The glibc manual defines no such safety level.",
    };
    const notes = part.notes.map((note): Term => ({
      kind: "note",
      label: note,
      level,
      explanation: explainNote(note, level).explanation,
    }));
    return [head, ...notes];
  });
}

/**
 * The glibc manual's annotation, rendered as glibc renders it: "MT-Safe locale | AS-Unsafe corrupt
 * heap | AC-Unsafe mem lock corrupt".
 *
 * Each level label and each note is a button, which can take keyboard focus. Its explanation is in
 * a role="tooltip" element that the button points to with aria-describedby. CSS in
 * app/globals.css shows the tooltip on hover and on focus; there is no client JS. The tooltips
 * sit after the data-testid="glibc-safety" span, not inside it. That keeps the span's textContent
 * equal to the plain annotation. Each button's data-tip-index matches its tooltip's, and the CSS
 * pairs them with :has().
 */
export function SafetyLine({ annotation }: { annotation: SafetyAnnotation }) {
  const baseId = useId();
  const parts = termsOf(annotation);
  let index = 0;
  const indexed = parts.map((terms) => terms.map((term) => ({ term, index: index++ })));
  const tipId = (i: number) => `${baseId}-tip-${i}`;

  return (
    <span className="safety-annotation">
      <span className="safety" data-testid="glibc-safety">
        {indexed.map((terms, p) => (
          <span key={p} className="safety-part">
            {p > 0 ? " | " : ""}
            {terms.map(({ term, index: i }) => (
              <Fragment key={i}>
                {term.kind === "note" ? " " : ""}
                <button
                  type="button"
                  className={term.kind === "level" ? "safety-kw safety-level" : "safety-kw"}
                  aria-describedby={tipId(i)}
                  data-tip-index={i}
                  {...(term.kind === "level" ? { "data-level": term.label } : { "data-keyword": term.label })}
                >
                  {term.label}
                </button>
              </Fragment>
            ))}
          </span>
        ))}
      </span>
      <span className="safety-tips">
        {indexed.flat().map(({ term, index: i }) => (
          <span key={i} id={tipId(i)} role="tooltip" className="safety-tip" data-tip-index={i}>
            <strong>{term.label}</strong>
            {term.kind === "note" && term.level ? ` (${term.level})` : ""} — {term.explanation}
          </span>
        ))}
      </span>
    </span>
  );
}

/**
 * Every level and note of the annotation, with its explanation, as a plain <dl>. It is for
 * screen readers and for print. A note that appears twice under the same level is listed once.
 */
export function SafetyLegend({ annotation }: { annotation: SafetyAnnotation }) {
  const seen = new Set<string>();
  const terms = termsOf(annotation)
    .flat()
    .filter((term) => {
      const key = `${term.level ?? ""}\u0000${term.kind}\u0000${term.label}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });

  return (
    <dl className="safety-legend" data-testid="safety-legend">
      {annotation.preliminary ? (
        <>
          <dt>
            <code>Preliminary</code>
          </dt>
          <dd>{PRELIMINARY}</dd>
        </>
      ) : null}
      {terms.map((term) => (
        <Fragment key={`${term.level ?? ""} ${term.kind} ${term.label}`}>
          <dt
            {...(term.kind === "level" ? { "data-legend-level": term.label } : { "data-legend-keyword": term.label })}
          >
            <code>{term.label}</code>
            {term.kind === "note" && term.level ? <span className="muted"> (under {term.level})</span> : null}
          </dt>
          <dd>{term.explanation}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
