import { afterEach, describe, expect, it, vi } from "vitest";

// Item 8: behind an HTTPS proxy without NEXTAUTH_URL, session cookies lost
// Secure (and a client's own X-Forwarded-Proto decided it). The front door
// (tests/security/client-address.test.ts) sets x-afterfork-proto from the
// socket and TRUST_PROXY; next-auth's cookies follow it.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers, cookies: async () => new Map() }));

process.env.NEXTAUTH_SECRET = "test-secret-for-cookies";
const { authOptions } = await import("@/lib/auth/options");

afterEach(() => {
  delete process.env.NEXTAUTH_URL;
});

describe("session cookies", () => {
  it("are Secure when the front door saw HTTPS through a trusted proxy", async () => {
    request.headers = new Headers({ "x-afterfork-proto": "https" });
    expect((await authOptions()).useSecureCookies).toBe(true);
  });

  it("are Secure when the public URL is https", async () => {
    process.env.NEXTAUTH_URL = "https://afterfork.example.org";
    request.headers = new Headers({ "x-afterfork-proto": "http" });
    expect((await authOptions()).useSecureCookies).toBe(true);
  });

  it("are not Secure over plain HTTP, whatever X-Forwarded-Proto a client sends", async () => {
    request.headers = new Headers({ "x-afterfork-proto": "http", "x-forwarded-proto": "https" });
    expect((await authOptions()).useSecureCookies).toBe(false);
  });
});
