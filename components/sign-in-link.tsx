"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { Suspense, type ReactNode } from "react";
import { sameOriginPath } from "@/lib/auth/callback-url";

/** Pages about signing in themselves: coming back to them after signing in makes no sense. */
const ACCOUNT_PAGES = new Set(["/signin", "/register", "/reset-password", "/verify-email"]);

/**
 * `to` (/signin or /register) with the page to return to afterwards. On the account pages the page they were
 * opened for is passed on; the sign-in page follows only same-origin paths whatever the link says.
 */
export function returnHref(to: string, pathname: string, search: URLSearchParams): string {
  const query = search.toString();
  const back = ACCOUNT_PAGES.has(pathname)
    ? sameOriginPath(search.get("callbackUrl"))
    : sameOriginPath(`${pathname}${query ? `?${query}` : ""}`);
  return back === "/" ? to : `${to}?callbackUrl=${encodeURIComponent(back)}`;
}

function ReturningLink({ to, children }: { to: string; children: ReactNode }) {
  const pathname = usePathname();
  const search = useSearchParams();
  return <Link href={returnHref(to, pathname, new URLSearchParams(search.toString()))}>{children}</Link>;
}

/**
 * A link to sign in (or register) that comes back to the page it is on. Statically rendered pages know their
 * query only in the browser, hence the Suspense with the plain link as its fallback.
 */
export function SignInLink({ to = "/signin", children = "Sign in" }: { to?: string; children?: ReactNode }) {
  return (
    <Suspense fallback={<Link href={to}>{children}</Link>}>
      <ReturningLink to={to}>{children}</ReturningLink>
    </Suspense>
  );
}
