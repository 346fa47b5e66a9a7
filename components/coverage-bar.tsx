import { COVERAGE_LABELS, COVERAGE_STATES, type Coverage } from "@/lib/projects/coverage";

const COLORS: Record<(typeof COVERAGE_STATES)[number], string> = {
  posix: "#2e7d4f",
  agreed: "#5bb37f",
  review: "#e0a526",
  unknown: "#b9bfc6",
  rejected: "#c0392b",
};

/** A stacked bar of required functions by state, as an accessible SVG with the numbers beside it. */
export function CoverageBar({ coverage, label }: { coverage: Coverage; label: string }) {
  const width = 400;
  const widths = COVERAGE_STATES.map((state) => (coverage.total ? (coverage[state] / coverage.total) * width : 0));
  const offsets = widths.map((_, i) => widths.slice(0, i).reduce((a, b) => a + b, 0));
  const summary = COVERAGE_STATES.map((s) => `${coverage[s]} ${COVERAGE_LABELS[s]}`).join(", ");
  return (
    <figure className="coverage" data-testid="coverage">
      <svg
        role="img"
        aria-label={`${label}: ${coverage.total} required functions; ${summary}.`}
        viewBox={`0 0 ${width} 22`}
        width="100%"
        height="22"
        preserveAspectRatio="none"
      >
        <title>{`${label}: ${summary}`}</title>
        {coverage.total === 0 ? <rect x={0} y={0} width={width} height={22} fill="#eef0ec" /> : null}
        {COVERAGE_STATES.map((state, i) =>
          widths[i]! > 0 ? (
            <rect
              key={state}
              x={offsets[i]}
              y={0}
              width={widths[i]}
              height={22}
              fill={COLORS[state]}
              data-state={state}
            />
          ) : null,
        )}
      </svg>
      <figcaption className="small">
        <ul className="coverage-legend">
          {COVERAGE_STATES.map((state) => (
            <li key={state} data-state={state}>
              <span className="swatch" style={{ background: COLORS[state] }} aria-hidden="true" />{" "}
              {COVERAGE_LABELS[state]}: <strong>{coverage[state]}</strong>
            </li>
          ))}
          <li>
            required in all: <strong data-testid="coverage-total">{coverage.total}</strong>
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}
