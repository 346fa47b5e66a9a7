// The Markdown report: machine, build, dataset, and one table of every figure with its target.
import { readFileSync, statSync } from "node:fs";
import os from "node:os";
import type { DatasetSummary } from "./dataset";
import type { InProcessResult } from "./inprocess";
import type { FirstLoadJs } from "./firstload";
import type { LoadResult } from "./load";

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  postgres: string;
  loadAverage: number;
}

export function machine(postgres: string): Machine {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown CPU",
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    postgres,
    loadAverage: os.loadavg()[0] ?? 0,
  };
}

/** Which production build was measured: it may be older than the sources. */
export function buildInfo(): string {
  const file = ".next/BUILD_ID";
  return (
    `\`${readFileSync(file, "utf8").trim()}\`, built ` +
    `${statSync(file).mtime.toISOString().slice(0, 16).replace("T", " ")} UTC`
  );
}

/** What a row is held to; absent parts do not apply. */
export interface RouteTargets {
  /** p95 under load, ms. */
  p95Ms?: number;
  /** Smallest share of the baseline's requests per second, e.g. 0.5. */
  minBaselineShare?: number;
  /** First-load JavaScript, gzipped, in kB (1,000 bytes). */
  firstLoadJsKb?: number;
}

export interface HttpFigure {
  label: string;
  /** What readers get: signed-out page views, answered from the page cache after the first. */
  result: LoadResult;
  /** The same URL with `Cache-Control: no-cache`: every request rendered by Next, as for a signed-in user. */
  rendered: LoadResult;
  /** Peak RSS of the server while this URL was under load. */
  peakRssMb: number;
  /** The same URL on the bare baseline server, when it has one. */
  baseline?: LoadResult;
  /** First-load JavaScript of an HTML page. */
  js?: FirstLoadJs;
  targets: RouteTargets;
}

export interface Report {
  date: Date;
  /** Wall time of the whole run, seconds. */
  seconds: number;
  machine: Machine;
  build: string;
  dataset: DatasetSummary;
  load: { seconds: number; connections: number; warmupSeconds: number };
  http: HttpFigure[];
  inProcess: InProcessResult[];
  /** Where the baseline's answers differ from the app's (bench/equivalence.ts); empty when they agree. */
  baselineDifferences: string[];
  rss: { idleMb: number; peakMb: number; targetMb: number; baselineIdleMb: number; baselinePeakMb: number };
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : "—");
const n = (value: number) => value.toLocaleString("en");
const verdict = (met: boolean, figure: string) => `${met ? "**met**" : "**missed**"} (${figure})`;
const kB = (bytes: number) => bytes / 1000;
const broken = (r: LoadResult) => r.probeStatus !== 200 || r.failures > 0;
const problem = (r: LoadResult) => `HTTP ${r.probeStatus}, ${n(r.failures)} of ${n(r.requests)} failed`;

/** Each target of the row with its verdict. A row with failed requests misses every target whatever its figures. */
function criteria({ result: r, baseline, js, targets: t }: HttpFigure): { target: string; result: string }[] {
  const out: { target: string; result: string }[] = [];
  const failed = broken(r) ? `; ${problem(r)}` : "";
  if (t.p95Ms !== undefined)
    out.push({
      target: `p95 ≤ ${t.p95Ms} ms`,
      result: verdict(!failed && r.p95 <= t.p95Ms, `p95 ${ms(r.p95)} ms${failed}`),
    });
  if (t.minBaselineShare !== undefined) {
    const target = `req/s ≥ ${Math.round(t.minBaselineShare * 100)} % of baseline`;
    if (!baseline || broken(baseline))
      out.push({ target, result: verdict(false, baseline ? `baseline: ${problem(baseline)}` : "no baseline") });
    else {
      const share = r.requestsPerSecond / baseline.requestsPerSecond;
      out.push({
        target,
        result: verdict(!failed && share >= t.minBaselineShare, `${Math.round(share * 100)} %${failed}`),
      });
    }
  }
  if (t.firstLoadJsKb !== undefined) {
    out.push({
      target: `JS ≤ ${t.firstLoadJsKb} kB gz`,
      result: js
        ? verdict(kB(js.gzipBytes) <= t.firstLoadJsKb, `JS ${kB(js.gzipBytes).toFixed(0)} kB`)
        : verdict(false, "not measured"),
    });
  }
  return out;
}

function httpRow(figure: HttpFigure): string {
  const { label, result: r, rendered, peakRssMb, baseline: b, js } = figure;
  const checks = criteria(figure);
  const target = checks.map((c) => c.target).join("; ") || "—";
  const result = checks.map((c) => c.result).join("; ") || (broken(r) ? problem(r) : "—");
  const ratio = b && !broken(b) ? (r.requestsPerSecond / b.requestsPerSecond).toFixed(2) : b ? problem(b) : "—";
  const cells = [
    label,
    ms(r.serialP50),
    ms(r.p50),
    ms(r.p95),
    ms(r.p99),
    r.requestsPerSecond.toFixed(0),
    ms(rendered.serialP50),
    broken(rendered) ? problem(rendered) : ms(rendered.p95),
    rendered.requestsPerSecond.toFixed(0),
    b ? ms(b.p95) : "—",
    b ? b.requestsPerSecond.toFixed(0) : "—",
    ratio,
    n(Math.round(r.bytes / 1024)),
    js ? kB(js.gzipBytes).toFixed(0) : "—",
    peakRssMb.toFixed(0),
    target,
    result,
  ];
  return `| ${cells.join(" | ")} |`;
}

const dashes = (count: number) => Array<string>(count).fill("—").join(" | ");

export function renderReport(report: Report): string {
  const { machine: m, dataset: d, load, rss } = report;
  const c = d.counts;
  return [
    `## Afterfork benchmark, ${report.date.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
    `- Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB.toFixed(1)} GiB RAM, Node ${m.node}, ` +
      `PostgreSQL ${m.postgres}; load average when the run started: ${m.loadAverage.toFixed(2)}`,
    `- Build: ${report.build}`,
    `- Dataset: ${n(c.functions)} functions, ${n(c.projects)} projects, ${n(c.needs)} needs rows, ` +
      `${n(c.revisions)} revisions (${n(c.proposalPages)} proposal pages with revisions), ${n(c.votes)} ` +
      `votes, ${n(c.agreed)} functions agreed and ${n(c.rejected)} rejected, ${n(c.users)} users; ` +
      `synthetic part written in ${d.seconds.toFixed(1)} s`,
    `- HTTP: the production server (\`scripts/serve.ts\`: Next behind the page cache) and the bare ` +
      `baseline (\`bench/baseline.ts\`, node:http + pg, same queries, minimal HTML), one after the ` +
      `other for each URL: autocannon with ${load.connections} connections for ${load.seconds} s after ` +
      `a ${load.warmupSeconds} s warm-up; "1 conn" is the median of 20 sequential requests; p50–p99, ` +
      `req/s and the targets are signed-out page views as readers make them (the first renders, the ` +
      `rest come from the page cache until the data changes); "rendered" is the same URL with ` +
      `\`Cache-Control: no-cache\`, every request rendered by Next as for a signed-in user; peak RSS is ` +
      `the app server's during that URL's two runs`,
    report.baselineDifferences.length
      ? `- Baseline check: **the baseline differs from the app**, so its ratios compare different work: ` +
        `${report.baselineDifferences.join("; ")}`
      : "- Baseline check: the JSON list and the export text are identical to the app's; every " +
        "function, project, revision and diff link on the baseline's pages is on the app's",
    `- First-load JS: the scripts each page's HTML loads (\`<script src>\`, modulepreload and script ` +
      `preloads under \`/_next/static/\`), each gzipped at level 9, summed; kB = 1,000 bytes`,
    `- In-process: the lib/ function alone (no HTTP, no rendering), ${report.inProcess[0]?.runs ?? 0} ` +
      `sequential calls after 5 warm-up calls`,
    `- The whole run took ${Math.round(report.seconds)} s`,
    "",
    "| Measure | 1 conn p50 ms | p50 ms | p95 ms | p99 ms | req/s | rendered 1 conn p50 ms | rendered " +
      "p95 ms | rendered req/s | baseline p95 ms | baseline req/s | app ÷ baseline | KB | JS kB gz | " +
      "peak RSS MB | Target | Result |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | " +
      "---: | --- | --- |",
    ...report.http.map(httpRow),
    ...report.inProcess.map(
      (r) => `| in-process: ${r.name} | — | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${dashes(12)} |`,
    ),
    `| Server RSS (the app server and its children): peak over all HTTP runs; ${rss.idleMb.toFixed(0)} ` +
      `MB after start | ${dashes(13)} | ${rss.peakMb.toFixed(0)} | ≤ ${rss.targetMb} MB | ` +
      `${verdict(rss.peakMb <= rss.targetMb, `${rss.peakMb.toFixed(0)} MB`)} |`,
    `| Baseline server RSS (node:http + pg): peak over its runs; ${rss.baselineIdleMb.toFixed(0)} MB ` +
      `after start | ${dashes(13)} | ${rss.baselinePeakMb.toFixed(0)} | — | for comparison |`,
  ].join("\n");
}
