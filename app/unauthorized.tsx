import { SignInLink } from "@/components/sign-in-link";

export default function Unauthorized() {
  return (
    <>
      <h1>Sign in first</h1>
      <p>
        This page is for signed-in users. <SignInLink /> or <SignInLink to="/register">register</SignInLink>; you come
        back here afterwards.
      </p>
    </>
  );
}
