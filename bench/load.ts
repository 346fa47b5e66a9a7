// HTTP load with autocannon: a short warm-up, 20 sequential requests (service
// time without queueing), then a timed run whose every response time is kept,
// so any percentile (p95 included) is exact.
import autocannon from "autocannon";
import { percentile, percentiles, type Percentiles } from "./stats";

export interface LoadResult extends Percentiles {
  path: string;
  /** Median of sequential requests (one at a time): the service time without queueing. */
  serialP50: number;
  requests: number;
  requestsPerSecond: number;
  /** Responses other than 2xx, plus connection errors and timeouts. */
  failures: number;
  /** Status of a single request made before the load, e.g. 200. */
  probeStatus: number;
  /** Size of that response's body. */
  bytes: number;
}

function run(
  url: string,
  seconds: number,
  connections: number,
  headers: Record<string, string>,
  onResponse?: (ms: number) => void,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, timeout: 30, headers }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
    if (onResponse)
      instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => onResponse(ms));
  });
}

async function serial(url: string, count: number, headers: Record<string, string>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
    await response.arrayBuffer();
    times.push(performance.now() - started);
  }
  return times;
}

/** `headers` go with every request, e.g. `Cache-Control: no-cache` to measure rendering rather than the page cache. */
export async function measure(
  baseUrl: string,
  path: string,
  options: { seconds: number; connections: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const url = `${baseUrl}${path}`;
  const headers = options.headers ?? {};
  const probe = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
  const bytes = (await probe.arrayBuffer()).byteLength;
  await run(url, Math.max(1, Math.round(options.seconds / 5)), options.connections, headers);
  const serialP50 = percentile(await serial(url, 20, headers), 50);
  const latencies: number[] = [];
  const result = await run(url, options.seconds, options.connections, headers, (ms) => latencies.push(ms));
  return {
    path,
    serialP50,
    ...percentiles(latencies),
    requests: latencies.length,
    requestsPerSecond: latencies.length / result.duration,
    failures: result.non2xx + result.errors,
    probeStatus: probe.status,
    bytes,
  };
}
