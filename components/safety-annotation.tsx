import { safetyParts, type SafetyAnnotation } from "@/lib/reference/format";

/** The glibc manual's annotation, rendered as glibc renders it: "MT-Safe locale | AS-Unsafe corrupt heap | AC-Unsafe mem lock corrupt". */
export function SafetyLine({ annotation }: { annotation: SafetyAnnotation }) {
  const parts = safetyParts(annotation);
  return (
    <span className="safety" data-testid="glibc-safety">
      {parts.map((part, i) => (
        <span key={part.label}>
          {i > 0 ? " | " : ""}
          <strong>{part.label}</strong>
          {part.notes.map((note) => (
            <span key={note}> {note}</span>
          ))}
        </span>
      ))}
    </span>
  );
}
