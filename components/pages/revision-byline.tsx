const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** Who made a revision and when (UTC), with its edit summary if it has one. */
export function RevisionByline({
  revision,
  testId,
}: {
  revision: { number: number; author: { name: string }; createdAt: Date; summary: string | null };
  testId?: string;
}) {
  return (
    <p className="muted small" data-testid={testId}>
      Revision {revision.number} by {revision.author.name}, {dateFormat.format(revision.createdAt)}
      {revision.summary ? (
        <>
          {" "}
          — <em>{revision.summary}</em>
        </>
      ) : null}
    </p>
  );
}
