import type { Metadata } from "next";
import Link from "next/link";
import { RegisterForm } from "@/components/register-form";

export const metadata: Metadata = { title: "Register" };

export default function RegisterPage() {
  return (
    <>
      <h1>Register</h1>
      <p className="muted">
        New accounts are readers: they can read and comment. Project representatives and maintainers get their role from
        an admin.
      </p>
      <RegisterForm />
      <p>
        Already registered? <Link href="/signin">Sign in</Link>.
      </p>
    </>
  );
}
