import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as openApiJson } from "@/app/openapi.json/route";
import { publicOrigin } from "@/lib/server/http/public-origin";

// Pages with absolute links are kept in the page cache and served to
// everyone, so a request's Host or X-Forwarded-Host must not choose them.

afterEach(() => vi.unstubAllEnvs());

const forged = () =>
  new Request("http://evil.example/openapi.json", {
    headers: { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
  });

describe("the public origin", () => {
  it("is NEXTAUTH_URL's when it is set", async () => {
    vi.stubEnv("NEXTAUTH_URL", "https://afterfork.example.org/");
    const document = (await (await openApiJson(forged())).json()) as { servers: { url: string }[] };
    expect(JSON.stringify(document.servers)).toContain("https://afterfork.example.org");
    expect(JSON.stringify(document)).not.toContain("evil.example");
  });

  it("is the address the production server listens on when NEXTAUTH_URL is unset", async () => {
    vi.stubEnv("NEXTAUTH_URL", "");
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("HOST", "127.0.0.1");
    vi.stubEnv("PORT", "3000");
    const document = (await (await openApiJson(forged())).json()) as { servers: { url: string }[] };
    expect(JSON.stringify(document.servers)).toContain("http://127.0.0.1:3000");
    expect(JSON.stringify(document)).not.toContain("evil.example");
  });

  it("follows the request only on the dev server, which has no page cache", () => {
    vi.stubEnv("NEXTAUTH_URL", "");
    vi.stubEnv("NODE_ENV", "development");
    expect(publicOrigin("http://localhost:3001")).toBe("http://localhost:3001");
  });
});
