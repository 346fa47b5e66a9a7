import Link from "next/link";

export default function Unauthorized() {
  return (
    <>
      <h1>Sign in first</h1>
      <p>
        This page is for signed-in users. <Link href="/signin">Sign in</Link> or <Link href="/register">register</Link>.
      </p>
    </>
  );
}
