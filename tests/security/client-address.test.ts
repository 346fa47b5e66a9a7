import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { forwardedClient, trustedProxyHops } from "@/lib/server/http/client-address";
import { frontDoor, HSTS } from "@/lib/server/http/front-door";

// Items 3 and 8: X-Forwarded-For and X-Forwarded-Proto are believed only
// through TRUST_PROXY hops; the production server's front door stamps the
// client's address and protocol from the socket, replacing a client's copy,
// and sends HSTS when the public side is HTTPS.

const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
  delete process.env.NEXTAUTH_URL;
});

async function through(hops: number, headers: Record<string, string>) {
  let seen: IncomingHttpHeaders = {};
  const server = createServer(
    frontDoor(
      (req, res) => {
        seen = req.headers;
        res.end("ok");
      },
      { hops },
    ),
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const response = await new Promise<{ status: number; headers: IncomingHttpHeaders }>((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path: "/", headers }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
  return { seen, response };
}

describe("client addresses and protocol", () => {
  it("with no trusted proxy, X-Forwarded-For and X-Forwarded-Proto are ignored", () => {
    expect(
      forwardedClient({
        socketAddress: "203.0.113.5",
        socketEncrypted: false,
        forwardedFor: "1.2.3.4",
        forwardedProto: "https",
        hops: 0,
      }),
    ).toEqual({ address: "203.0.113.5", https: false });
  });

  it("through N trusted proxies, the entry N places left of the socket is the client", () => {
    const base = { socketAddress: "10.0.0.1", socketEncrypted: false, forwardedProto: "https" };
    expect(forwardedClient({ ...base, forwardedFor: "6.6.6.6, 198.51.100.9", hops: 1 })).toEqual({
      address: "198.51.100.9",
      https: true,
    });
    expect(forwardedClient({ ...base, forwardedFor: "6.6.6.6, 198.51.100.9, 10.0.0.2", hops: 2 }).address).toBe(
      "198.51.100.9",
    );
    expect(forwardedClient({ ...base, forwardedFor: undefined, hops: 3 }).address).toBe("10.0.0.1");
  });

  it("TRUST_PROXY must be a whole number", () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops("2")).toBe(2);
    expect(() => trustedProxyHops("yes")).toThrow(/TRUST_PROXY/);
  });

  it("the front door replaces a client's own address and protocol headers", async () => {
    const { seen, response } = await through(0, {
      "x-afterfork-client-ip": "6.6.6.6",
      "x-afterfork-proto": "https",
      "x-forwarded-for": "6.6.6.6",
      "x-forwarded-proto": "https",
    });
    expect(seen["x-afterfork-client-ip"]).toBe("127.0.0.1");
    expect(seen["x-afterfork-proto"]).toBe("http");
    expect(seen["x-forwarded-proto"]).toBe("http");
    expect(seen["x-forwarded-for"]).toBe("127.0.0.1");
    expect(response.headers["strict-transport-security"]).toBeUndefined();
  });

  it("HSTS when X-Forwarded-Proto: https comes through a trusted proxy, or the public URL is https", async () => {
    const proxied = await through(1, { "x-forwarded-for": "198.51.100.9", "x-forwarded-proto": "https" });
    expect(proxied.seen["x-afterfork-client-ip"]).toBe("198.51.100.9");
    expect(proxied.seen["x-afterfork-proto"]).toBe("https");
    expect(proxied.response.headers["strict-transport-security"]).toBe(HSTS);
    process.env.NEXTAUTH_URL = "https://afterfork.example.org";
    expect((await through(0, {})).response.headers["strict-transport-security"]).toBe(HSTS);
  });
});
