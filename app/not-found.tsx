import Link from "next/link";

export default function NotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p>
        There is no page at this address. Try the <Link href="/functions">function catalog</Link> or the{" "}
        <Link href="/projects">projects</Link>.
      </p>
    </>
  );
}
