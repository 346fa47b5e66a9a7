import Link from "next/link";

export default function Forbidden() {
  return (
    <>
      <h1>Not allowed</h1>
      <p data-testid="forbidden">Your account may not do this. Ask an admin if you think it should.</p>
      <p>
        <Link href="/">Back to the start page</Link>
      </p>
    </>
  );
}
