// The Markdown report: machine, build, dataset, and one table of every figure with its target.
import { readFileSync, statSync } from "node:fs";
import os from "node:os";
import type { DatasetSummary } from "./dataset";
import type { InProcessResult } from "./inprocess";
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
  return `\`${readFileSync(file, "utf8").trim()}\`, built ${statSync(file).mtime.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export interface HttpFigure {
  label: string;
  result: LoadResult;
  /** Peak RSS of the server while this URL was under load. */
  peakRssMb: number;
  /** Target for p95 in ms, if any. */
  p95Target?: number;
}

export interface Report {
  date: Date;
  machine: Machine;
  build: string;
  dataset: DatasetSummary;
  load: { seconds: number; connections: number; warmupSeconds: number };
  http: HttpFigure[];
  inProcess: InProcessResult[];
  rss: { idleMb: number; peakMb: number; targetMb: number };
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : "—");
const n = (value: number) => value.toLocaleString("en");
const verdict = (met: boolean, figure: string) => `${met ? "**met**" : "**missed**"} (${figure})`;

function httpRow({ label, result: r, p95Target, peakRssMb }: HttpFigure): string {
  const broken = r.probeStatus !== 200 || r.failures > 0;
  const problem = broken ? `HTTP ${r.probeStatus}, ${n(r.failures)} of ${n(r.requests)} failed` : "";
  const result = p95Target === undefined ? problem || "—" : verdict(!broken && r.p95 <= p95Target, [`p95 ${ms(r.p95)} ms`, problem].filter(Boolean).join("; "));
  const target = p95Target === undefined ? "—" : `p95 ≤ ${p95Target} ms`;
  return `| ${label} | ${ms(r.serialP50)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.requestsPerSecond.toFixed(0)} | ${n(Math.round(r.bytes / 1024))} | ${peakRssMb.toFixed(0)} | ${target} | ${result} |`;
}

export function renderReport(report: Report): string {
  const { machine: m, dataset: d, load, rss } = report;
  const c = d.counts;
  return [
    `## Afterfork benchmark, ${report.date.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
    `- Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB.toFixed(1)} GiB RAM, Node ${m.node}, PostgreSQL ${m.postgres}; load average when the run started: ${m.loadAverage.toFixed(2)}`,
    `- Build: ${report.build}`,
    `- Dataset: ${n(c.functions)} functions, ${n(c.projects)} projects, ${n(c.needs)} needs rows, ${n(c.revisions)} revisions (${n(c.proposalPages)} proposal pages with revisions), ${n(c.votes)} votes, ${n(c.users)} users; synthetic part written in ${d.seconds.toFixed(1)} s`,
    `- HTTP: \`next start\`, autocannon with ${load.connections} connections for ${load.seconds} s per URL after a ${load.warmupSeconds} s warm-up; "1 conn" is the median of 20 sequential requests; peak RSS is the server's during that URL's run`,
    `- In-process: the lib/ function alone (no HTTP, no rendering), ${report.inProcess[0]?.runs ?? 0} sequential calls after 5 warm-up calls`,
    "",
    "| Measure | 1 conn p50 ms | p50 ms | p95 ms | p99 ms | req/s | KB | peak RSS MB | Target | Result |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ...report.http.map(httpRow),
    ...report.inProcess.map((r) => `| in-process: ${r.name} | — | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | — | — | — | — | — |`),
    `| Server RSS (next-server and children): peak over all HTTP runs; ${rss.idleMb.toFixed(0)} MB after start | — | — | — | — | — | — | ${rss.peakMb.toFixed(0)} | ≤ ${rss.targetMb} MB | ${verdict(rss.peakMb <= rss.targetMb, `${rss.peakMb.toFixed(0)} MB`)} |`,
  ].join("\n");
}
