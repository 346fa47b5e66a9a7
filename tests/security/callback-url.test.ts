import { describe, expect, it } from "vitest";
import { sameOriginPath, sameOriginRedirect } from "@/lib/auth/callback-url";

// Item 5: `/signin?callbackUrl=/%5Cevil.example/x` passed the sign-in page's
// check and Chromium then went to http://evil.example/x.
const OFFSITE = [
  "/\\evil.example/x",
  "/\\/evil.example",
  "//evil.example",
  "/\t/evil.example",
  "https://evil.example/",
  "javascript:alert(1)",
  "",
];

describe("callbackUrl", () => {
  it.each(OFFSITE)("%j is refused: the sign-in page falls back to /", (value) => {
    expect(sameOriginPath(value)).toBe("/");
  });

  it("keeps a path on this site, with its query and fragment", () => {
    expect(sameOriginPath("/functions/mount?tab=history#r2")).toBe("/functions/mount?tab=history#r2");
    expect(sameOriginPath(["/review", "/other"])).toBe("/review");
  });

  it("next-auth's redirect callback follows only this site's URLs", () => {
    const base = "https://afterfork.example.org";
    expect(sameOriginRedirect("/projects/linted", base)).toBe(`${base}/projects/linted`);
    expect(sameOriginRedirect(`${base}/recent`, base)).toBe(`${base}/recent`);
    for (const value of OFFSITE.filter(Boolean)) expect(sameOriginRedirect(value, base)).toBe(base);
  });
});
