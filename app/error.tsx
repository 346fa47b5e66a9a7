"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <h1>Something went wrong</h1>
      <p>
        The page could not be shown. Nothing you saved was lost.{" "}
        {error.digest ? <span className="muted small">(reference {error.digest})</span> : null}
      </p>
      <button type="button" className="button" onClick={reset}>
        Try again
      </button>
    </>
  );
}
