import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger, noteSessionUser, requestLogger } from "@/lib/server/logging";

const SECRET = "request-log-test-secret";

async function serveWithLog(trustProxy: boolean) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const logRequest = requestLogger(createLogger(sink), { trustProxy });
  const server = createServer((request, response) => {
    logRequest(request, response);
    void noteSessionUser(request, async () => SECRET).then(() => {
      response.setHeader("x-afterfork-cache", "miss");
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, lines };
}

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

describe("the request log line", () => {
  it("has time, request id, method, path, status, duration, cache result and the signed-in user; no token or cookie", async () => {
    const { url, lines } = await serveWithLog(true);
    const session = await encode({ token: { sub: "42" }, secret: SECRET });
    const response = await fetch(`${url}/functions/fork?token=query-secret`, {
      headers: {
        cookie: `next-auth.session-token=${session}; other=cookie-secret`,
        authorization: "Bearer afk_bearer-secret",
        "x-request-id": "proxy-id-1",
      },
    });
    await response.text();
    expect(response.headers.get("x-request-id")).toBe("proxy-id-1");
    await expect.poll(() => lines.length).toBe(1);
    const line = lines[0]!;
    expect(line).toMatchObject({
      level: "info",
      requestId: "proxy-id-1",
      method: "GET",
      path: "/functions/fork",
      status: 200,
      cache: "miss",
      userId: 42,
    });
    expect(typeof line.durationMs).toBe("number");
    expect(new Date(String(line.time)).getTime()).toBeGreaterThan(0);
    const text = JSON.stringify(line);
    for (const secret of ["query-secret", "cookie-secret", "bearer-secret", session, SECRET])
      expect(text).not.toContain(secret);
  });

  it("generates the request id without a trusted proxy, and ignores a cookie it cannot open", async () => {
    const { url, lines } = await serveWithLog(false);
    const forged = await encode({ token: { sub: "7" }, secret: "another-secret" });
    const response = await fetch(`${url}/`, {
      headers: { "x-request-id": "client-chosen", cookie: `next-auth.session-token=${forged}` },
    });
    await response.text();
    const id = response.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => lines.length).toBe(1);
    expect(lines[0]).toMatchObject({ requestId: id, path: "/", status: 200 });
    expect(lines[0]).not.toHaveProperty("userId");
  });
});
