import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createMetrics, mayReadMetrics } from "@/lib/server/metrics";

const servers: Server[] = [];
afterEach(() => {
  delete process.env.METRICS_TOKEN;
  for (const server of servers.splice(0)) server.close();
});

async function serveMetrics(): Promise<string> {
  const metrics = createMetrics({
    renderQueue: { inFlight: () => 1, waiting: () => 3 },
    routeOf: (pathname) => (pathname.startsWith("/functions/") ? "/functions/[name]" : pathname),
  });
  const server = createServer((request, response) => {
    metrics.observe(request, response);
    if (metrics.handle(request, response)) return;
    response.setHeader("x-afterfork-cache", "hit");
    response.end("page");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("/metrics", () => {
  it("answers loopback without a token: requests by route and status, cache results, the render queue, Node's metrics", async () => {
    const url = await serveMetrics();
    await (await fetch(`${url}/functions/fork`)).text();
    await (await fetch(`${url}/functions/setgroups`)).text();
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toContain('afterfork_http_requests_total{method="GET",route="/functions/[name]",status="200"} 2');
    expect(text).toContain("afterfork_http_request_duration_seconds_bucket");
    expect(text).toContain('afterfork_page_cache_requests_total{result="hit"} 2');
    expect(text).toContain("afterfork_render_queue_length 3");
    expect(text).toContain('afterfork_db_pool_connections{state="total"}');
    expect(text).toContain("process_cpu_user_seconds_total");
  });

  it("with METRICS_TOKEN wants the bearer token, from loopback too", async () => {
    process.env.METRICS_TOKEN = "metrics-token-123";
    const url = await serveMetrics();
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    const ok = await fetch(`${url}/metrics`, { headers: { authorization: "Bearer metrics-token-123" } });
    expect(ok.status).toBe(200);
  });

  it("refuses other addresses without a token", () => {
    expect(mayReadMetrics("127.0.0.1", undefined, "")).toBe(true);
    expect(mayReadMetrics("::1", undefined, "")).toBe(true);
    expect(mayReadMetrics("::ffff:127.0.0.1", undefined, "")).toBe(true);
    expect(mayReadMetrics("10.0.0.5", undefined, "")).toBe(false);
    expect(mayReadMetrics("10.0.0.5", "Bearer t0ken", "t0ken")).toBe(true);
    expect(mayReadMetrics("127.0.0.1", undefined, "t0ken")).toBe(false);
  });
});
