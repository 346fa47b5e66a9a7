import Link from "next/link";

interface Shown {
  number: number;
}

/**
 * What the function page shows about its review: an agreement in force, and
 * whether a later revision is pending. Readers see the agreed revision first;
 * the pending one and its diff from the agreed one are a click away.
 */
export function ProposalBanner({
  base,
  agreed,
  current,
  showPending,
}: {
  base: string;
  agreed: Shown | null;
  current: Shown | null;
  showPending: boolean;
}) {
  if (!agreed) return null;
  if (!current || current.number === agreed.number)
    return (
      <div className="notice ok" data-testid="agreed-banner">
        Agreed at revision {agreed.number}.
      </div>
    );
  const diff = `${base}/diff?from=${agreed.number}&to=${current.number}`;
  const showRevision = <Link href={`${base}?rev=current`}>Show the pending revision</Link>;
  return (
    <div className="notice pending-banner" role="status" data-testid="pending-banner">
      <strong>Agreed · changes pending.</strong>{" "}
      {showPending ? (
        <>
          You are looking at revision {current.number}, which is not yet agreed.{" "}
          <Link href={base}>Show the agreed revision {agreed.number}</Link> or{" "}
          <Link href={diff}>the changes since it</Link>.
        </>
      ) : (
        <>
          This is the agreed revision {agreed.number}; revision {current.number} has changes not yet reviewed.{" "}
          {showRevision}, <Link href={diff}>the pending diff</Link> or{" "}
          <Link href={`${base}/review`}>review the changes</Link>.
        </>
      )}
    </div>
  );
}
