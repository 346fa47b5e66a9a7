export interface SafetyAnnotation {
  mt: string;
  as: string;
  ac: string;
  mtNotes: string;
  asNotes: string;
  acNotes: string;
  preliminary: boolean;
}

export interface SafetyPart {
  label: string;
  notes: string[];
}

/** The three parts as the glibc manual renders them: "MT-Safe locale", "AS-Unsafe corrupt heap", … */
export function safetyParts(a: SafetyAnnotation): SafetyPart[] {
  const notes = (s: string) => s.split(/\s+/).filter(Boolean);
  return [
    { label: `MT-${a.mt}`, notes: notes(a.mtNotes) },
    { label: `AS-${a.as}`, notes: notes(a.asNotes) },
    { label: `AC-${a.ac}`, notes: notes(a.acNotes) },
  ];
}

/** "MT-Safe locale | AS-Unsafe corrupt heap | AC-Unsafe mem lock corrupt" */
export function formatSafety(a: SafetyAnnotation): string {
  return safetyParts(a)
    .map((p) => [p.label, ...p.notes].join(" "))
    .join(" | ");
}
