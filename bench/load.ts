// HTTP load with autocannon: a short warm-up, 20 sequential requests (service
// time without queueing), then a timed run whose every response time is kept,
// so any percentile (p95 included) is exact. Every request says
// `Accept-Encoding: gzip`, as a browser does.
import autocannon from "autocannon";
import { BROWSER_HEADERS, request } from "./http";
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
  /** Size of that response's body, uncompressed. */
  bytes: number;
  /** Size of that body as received with `Accept-Encoding: gzip` (the page weight a browser downloads). */
  wireBytes: number;
  /** That response's Content-Encoding, when there is one. */
  encoding?: string;
}

/**
 * Sequential requests: at most this many, and no more once the run's seconds (3 to 10) have passed, but
 * at least 3.
 */
const SERIAL_REQUESTS = 20;

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

async function serial(url: string, headers: Record<string, string>, seconds: number): Promise<number[]> {
  const times: number[] = [];
  const deadline = performance.now() + Math.min(10, Math.max(3, seconds)) * 1000;
  while (times.length < SERIAL_REQUESTS && (times.length < 3 || performance.now() < deadline)) {
    const started = performance.now();
    await request(url, { headers, timeoutMs: 30_000 });
    times.push(performance.now() - started);
  }
  return times;
}

/**
 * `headers` go with every request besides `Accept-Encoding: gzip`, e.g. `Cache-Control: no-cache` to
 * measure rendering rather than the page cache, or a session cookie.
 */
export async function measure(
  baseUrl: string,
  path: string,
  options: { seconds: number; connections: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const url = `${baseUrl}${path}`;
  const headers = { ...BROWSER_HEADERS, ...options.headers };
  const probe = await request(url, { headers, timeoutMs: 30_000 });
  await run(url, Math.max(1, Math.round(options.seconds / 5)), options.connections, headers);
  const serialP50 = percentile(await serial(url, headers, options.seconds), 50);
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
    bytes: probe.bytes,
    wireBytes: probe.wireBytes,
    encoding: typeof probe.headers["content-encoding"] === "string" ? probe.headers["content-encoding"] : undefined,
  };
}

/** A hard reload: the page cache renders the page again instead of answering from memory. */
export const RENDER_EVERY_TIME = { "cache-control": "no-cache" } as const;

/** The three ways the app serves a URL, each measured by `measure`. */
export interface Columns {
  /** Signed out, as readers ask for it: the probe renders, the rest come from the page cache. */
  cached: LoadResult;
  /** `Cache-Control: no-cache`: every request rendered by Next, signed out. */
  rendered: LoadResult;
  /** A maintainer's session cookie: every request rendered by Next for that user (the cache never answers). */
  signedIn: LoadResult;
}

export async function measureColumns(
  baseUrl: string,
  path: string,
  options: { seconds: number; connections: number; cookie: string },
): Promise<Columns> {
  const load = { seconds: options.seconds, connections: options.connections };
  const cached = await measure(baseUrl, path, load);
  const rendered = await measure(baseUrl, path, { ...load, headers: RENDER_EVERY_TIME });
  const signedIn = await measure(baseUrl, path, { ...load, headers: { cookie: options.cookie } });
  return { cached, rendered, signedIn };
}
