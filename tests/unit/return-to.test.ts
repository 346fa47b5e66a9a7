import { describe, expect, it } from "vitest";
import { returnHref } from "@/components/sign-in-link";
import { sameOriginRedirect } from "@/lib/auth/callback-url";

const at = (to: string, url: string) => {
  const parsed = new URL(url, "http://site.example");
  return returnHref(to, parsed.pathname, parsed.searchParams);
};

describe("sign-in links return to the page they are on", () => {
  it("carry the path and query of the page", () => {
    expect(at("/signin", "/functions/setgroups")).toBe("/signin?callbackUrl=%2Ffunctions%2Fsetgroups");
    expect(at("/register", "/functions?name=set&status=agreed")).toBe(
      "/register?callbackUrl=%2Ffunctions%3Fname%3Dset%26status%3Dagreed",
    );
  });

  it("leave the home page implicit", () => {
    expect(at("/signin", "/")).toBe("/signin");
  });

  it("on the account pages pass on the page they were opened for, and only a same-origin one", () => {
    expect(at("/signin", "/register?callbackUrl=%2Fmatrix")).toBe("/signin?callbackUrl=%2Fmatrix");
    expect(at("/register", "/signin?callbackUrl=https%3A%2F%2Fevil.example%2F")).toBe("/register");
    expect(at("/register", "/signin?callbackUrl=%2F%5Cevil.example")).toBe("/register");
    expect(at("/signin", "/reset-password")).toBe("/signin");
  });

  it("next-auth's redirect after an OAuth sign-in follows only this site", () => {
    expect(sameOriginRedirect("/functions/mount", "http://site.example")).toBe("http://site.example/functions/mount");
    expect(sameOriginRedirect("https://evil.example/x", "http://site.example")).toBe("http://site.example");
  });
});
