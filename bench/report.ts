// The Markdown report: machine, build, dataset, and one table of every figure with its target.
import { readFileSync, statSync } from "node:fs";
import os from "node:os";
import type { DatasetSummary } from "./dataset";
import type { InProcessResult } from "./inprocess";
import type { FirstLoadJs } from "./firstload";
import type { GrowthResult } from "./growth";
import type { Columns, LoadResult } from "./load";
import type { SideBySide } from "./mediawiki";
import type { PeerSummary } from "./peer";

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
  /** p95 under load for a signed-in maintainer, ms. */
  signedInP95Ms?: number;
  /** Server time of one render without queueing ("rendered 1 conn p50"), ms. */
  renderedServerMs?: number;
  /** Sent with gzip in every column (cached, rendered, signed in) to a client that says `Accept-Encoding: gzip`. */
  gzip?: boolean;
}

export interface HttpFigure {
  label: string;
  /** What readers get: signed-out page views, answered from the page cache after the first. */
  result: LoadResult;
  /** The same URL with `Cache-Control: no-cache`: every request rendered by Next, signed out. */
  rendered: LoadResult;
  /** The same URL with a maintainer's session cookie: rendered for that user on every request. */
  signedIn: LoadResult;
  /** Peak RSS of the server while this URL was under load (its three runs). */
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
  /** The peer page (bench/peer.ts). */
  peer: PeerSummary;
  /** Growth (BENCH_GROWTH=1), or why it did not run. */
  growth: GrowthResult | string;
  /** MediaWiki side by side (BENCH_PEER=1), or why it did not run. */
  mediawiki: SideBySide | string;
  /** Where the baseline's answers differ from the app's (bench/equivalence.ts); empty when they agree. */
  baselineDifferences: string[];
  rss: { idleMb: number; peakMb: number; targetMb: number; baselineIdleMb: number; baselinePeakMb: number };
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : "—");
const n = (value: number) => value.toLocaleString("en");
const verdict = (met: boolean, figure: string) => `${met ? "**met**" : "**missed**"} (${figure})`;
const kB = (bytes: number) => bytes / 1000;
/** Failed requests, or no response at all inside the run (a page slower than the run is long). */
const broken = (r: LoadResult) => r.probeStatus !== 200 || r.failures > 0 || r.requests === 0;
const problem = (r: LoadResult) =>
  r.probeStatus === 200 && r.failures === 0 && r.requests === 0
    ? "no response inside the run"
    : `HTTP ${r.probeStatus}, ${n(r.failures)} of ${n(r.requests)} failed`;

/** Each target of the row with its verdict. A row with failed requests misses every target whatever its figures. */
function criteria(figure: HttpFigure): { target: string; result: string }[] {
  const { result: r, rendered, signedIn, baseline, js, targets: t } = figure;
  const out: { target: string; result: string }[] = [];
  const failed = broken(r) ? `; ${problem(r)}` : "";
  if (t.signedInP95Ms !== undefined) {
    const bad = broken(signedIn) ? `; ${problem(signedIn)}` : "";
    out.push({
      target: `signed-in p95 ≤ ${t.signedInP95Ms} ms`,
      result: verdict(!bad && signedIn.p95 <= t.signedInP95Ms, `p95 ${ms(signedIn.p95)} ms${bad}`),
    });
  }
  if (t.renderedServerMs !== undefined)
    out.push({
      target: `one render ≤ ${t.renderedServerMs} ms`,
      result: verdict(
        !broken(rendered) && rendered.serialP50 <= t.renderedServerMs,
        `${ms(rendered.serialP50)} ms${broken(rendered) ? `; ${problem(rendered)}` : ""}`,
      ),
    });
  if (t.gzip) {
    const plain = (
      [
        ["cached", r],
        ["rendered", rendered],
        ["signed in", signedIn],
      ] as const
    ).filter(([, x]) => x.bytes > 1024 && x.encoding !== "gzip");
    out.push({
      target: "gzip in every column",
      result: verdict(
        plain.length === 0,
        plain.length ? `not compressed: ${plain.map(([c]) => c).join(", ")}` : "gzip",
      ),
    });
  }
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
  const { label, result: r, rendered, signedIn, peakRssMb, baseline: b, js } = figure;
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
    ms(signedIn.serialP50),
    broken(signedIn) ? problem(signedIn) : ms(signedIn.p95),
    signedIn.requestsPerSecond.toFixed(0),
    b ? ms(b.p95) : "—",
    b ? b.requestsPerSecond.toFixed(0) : "—",
    ratio,
    n(Math.round(r.bytes / 1024)),
    received({ cached: r, rendered, signedIn }),
    js ? kB(js.gzipBytes).toFixed(0) : "—",
    peakRssMb.toFixed(0),
    target,
    result,
  ];
  return `| ${cells.join(" | ")} |`;
}

const dashes = (count: number) => Array<string>(count).fill("—").join(" | ");
const kb = (bytes: number) => (bytes < 10 * 1024 ? (bytes / 1024).toFixed(1) : n(Math.round(bytes / 1024)));

/** KB as received with `Accept-Encoding: gzip`: cached / rendered / signed in. */
function received(c: Columns): string {
  return [c.cached, c.rendered, c.signedIn].map((x) => kb(x.wireBytes)).join(" / ");
}

const rps = (r: LoadResult) => (broken(r) ? problem(r) : r.requestsPerSecond.toFixed(r.requestsPerSecond < 10 ? 1 : 0));

function growthSection(g: GrowthResult | string): string[] {
  if (typeof g === "string") return ["", `Growth: ${g}`];
  const cell = (c: Columns) =>
    `${ms(c.cached.p95)} / ${ms(c.rendered.p95)} / ${ms(c.signedIn.p95)} (${rps(c.signedIn)})`;
  const ratio = (a: LoadResult, b: LoadResult) => (broken(a) || broken(b) ? "—" : (a.p95 / b.p95).toFixed(2));
  return [
    "",
    `### Growth: the same pages at ${n(1_000)} and at 100,000 revisions / 50,000 functions`,
    "",
    `A database of its own and a second production server (\`BENCH_GROWTH=1\`): 1,000 functions and a proposal ` +
      `page with 1,000 revisions, measured; then grown in place to 50,000 functions and 100,000 revisions of that ` +
      `page (written in ${g.growSeconds.toFixed(1)} s, ANALYZE included; the small database took ` +
      `${g.setupSeconds.toFixed(1)} s) and measured again on the same server. Cells: p95 ms cached / rendered / ` +
      `signed in (signed-in req/s); "large ÷ small" is the p95 ratio (target ≤ 2). Growth server RSS: ` +
      `${g.idleRssMb.toFixed(0)} MB after start, peak ${g.peakRssMb.toFixed(0)} MB.`,
    "",
    "| page | small URL | small | large URL | large | large ÷ small rendered | large ÷ small signed in | Result |",
    "| --- | --- | --- | --- | --- | ---: | ---: | --- |",
    ...g.rows.map((row) => {
      const s = row.small.columns;
      const l = row.large.columns;
      const rr = ratio(l.rendered, s.rendered);
      const rs = ratio(l.signedIn, s.signedIn);
      const worst = Math.max(Number(rr) || Infinity, Number(rs) || Infinity);
      return (
        `| ${row.page} | \`${row.small.path}\` | ${cell(s)} | \`${row.large.path}\` | ${cell(l)} | ${rr} | ${rs} | ` +
        `${verdict(worst <= 2, `${Number.isFinite(worst) ? worst.toFixed(2) : "failed"}×`)} |`
      );
    }),
  ];
}

function mediawikiSection(m: SideBySide | string): string[] {
  if (typeof m === "string") return ["", `MediaWiki side by side: ${m}`];
  const range = (all: number[]) => {
    const values = all.filter(Number.isFinite);
    if (values.length === 0) return "—";
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const f = (v: number) => v.toFixed(v < 10 ? 1 : 0);
    return lo === hi ? f(lo) : `${f(lo)}–${f(hi)}`;
  };
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return [
    "",
    "### MediaWiki side by side",
    "",
    `MediaWiki: ${m.about}. Afterfork: the peer page (bench/peer.ts). Alternating in this run, ${m.rounds} ` +
      `round(s): for each page MediaWiki, then Afterfork signed in, rendered and cached, each with autocannon, ` +
      `${m.connections} connections, ${m.seconds} s after a warm-up, \`Accept-Encoding: gzip\` on every request. ` +
      `Ranges are over the rounds; the ratio is the mean signed-in req/s ÷ the mean MediaWiki req/s (target ≥ 3).`,
    "",
    "| page | MediaWiki req/s | Afterfork signed in req/s | rendered req/s | cached req/s | signed in ÷ MediaWiki | " +
      "MediaWiki p95 ms | signed-in p95 ms | KB received MediaWiki / Afterfork signed in (uncompressed) | " +
      "mediawiki.sh req/s | Result |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |",
    ...m.pages.map((p) => {
      const mw = p.rounds.map((r) => r.mediawiki);
      const si = p.rounds.map((r) => r.afterfork.signedIn);
      const failed = [...mw, ...si].some(broken);
      const ratio = mean(si.map((r) => r.requestsPerSecond)) / mean(mw.map((r) => r.requestsPerSecond));
      const last = p.rounds.at(-1)!;
      return (
        `| ${p.name} | ${range(mw.map((r) => r.requestsPerSecond))} | ${range(si.map((r) => r.requestsPerSecond))} | ` +
        `${range(p.rounds.map((r) => r.afterfork.rendered.requestsPerSecond))} | ` +
        `${range(p.rounds.map((r) => r.afterfork.cached.requestsPerSecond))} | ${ratio.toFixed(2)} | ` +
        `${range(mw.map((r) => r.p95))} | ${range(si.map((r) => r.p95))} | ` +
        `${kb(last.mediawiki.wireBytes)} (${kb(last.mediawiki.bytes)}) / ${kb(last.afterfork.signedIn.wireBytes)} ` +
        `(${kb(last.afterfork.signedIn.bytes)}) | ${p.script ?? "—"} | ` +
        `${verdict(!failed && ratio >= 3, `${ratio.toFixed(2)}×${failed ? "; failed requests" : ""}`)} |`
      );
    }),
    "",
    `MediaWiki server peak RSS during its own runs (nginx + php-fpm + MariaDB, from mediawiki.sh): ` +
      `${m.scriptPeakRss ?? "—"} MB. mediawiki.sh's own output follows.`,
    "",
    "<details><summary>mediawiki.sh</summary>",
    "",
    m.scriptOutput.trim(),
    "",
    "</details>",
  ];
}

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
      `\`Cache-Control: no-cache\`, every request rendered by Next (signed out); "signed in" sends a maintainer's ` +
      `session cookie, so Next renders every request for that user; peak RSS is the app server's during that ` +
      `URL's three runs`,
    report.baselineDifferences.length
      ? `- Baseline check: **the baseline differs from the app**, so its ratios compare different work: ` +
        `${report.baselineDifferences.join("; ")}`
      : "- Baseline check: the JSON list and the export text are identical to the app's; every " +
        "function, project, revision and diff link on the baseline's pages is on the app's",
    `- First-load JS: the scripts each page's HTML loads (\`<script src>\`, modulepreload and script ` +
      `preloads under \`/_next/static/\`), each gzipped at level 9, summed; kB = 1,000 bytes`,
    `- In-process: the lib/ function alone (no HTTP, no rendering), ${report.inProcess[0]?.runs ?? 0} ` +
      `sequential calls after 5 warm-up calls`,
    `- Peer page: \`${report.peer.functionName}\`, the text of mediawiki.sh's \`Requirements_specification\` ` +
      `(${n(report.peer.textBytes)} bytes now), ${report.peer.revisions} revisions by 3 maintainers, ` +
      `${report.peer.comments} comments (one every 4 revisions, where the wiki has a review-note page); written ` +
      `in ${report.peer.seconds.toFixed(1)} s`,
    `- Signed in: a maintainer's session cookie (maintainer1@afterfork.test, from next-auth's credentials ` +
      `sign-in), so the page cache never answers; every request of every column sends \`Accept-Encoding: gzip\`; ` +
      `"KB" is the uncompressed body, "KB received" the bytes on the wire per column`,
    `- The whole run took ${Math.round(report.seconds)} s`,
    "",
    "| Measure | 1 conn p50 ms | p50 ms | p95 ms | p99 ms | req/s | rendered 1 conn p50 ms | rendered " +
      "p95 ms | rendered req/s | signed-in 1 conn p50 ms | signed-in p95 ms | signed-in req/s | baseline p95 ms | " +
      "baseline req/s | app ÷ baseline | KB | KB received (cached / rendered / signed in) | JS kB gz | " +
      "peak RSS MB | Target | Result |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | " +
      "---: | ---: | ---: | ---: | --- | --- |",
    ...report.http.map(httpRow),
    ...report.inProcess.map(
      (r) => `| in-process: ${r.name} | — | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${dashes(16)} |`,
    ),
    `| Server RSS (the app server and its children): peak over all HTTP runs, signed-in and side-by-side runs ` +
      `included; ${rss.idleMb.toFixed(0)} MB after start | ${dashes(17)} | ${rss.peakMb.toFixed(0)} | ` +
      `≤ ${rss.targetMb} MB | ${verdict(rss.peakMb <= rss.targetMb, `${rss.peakMb.toFixed(0)} MB`)} |`,
    `| Baseline server RSS (node:http + pg): peak over its runs; ${rss.baselineIdleMb.toFixed(0)} MB ` +
      `after start | ${dashes(17)} | ${rss.baselinePeakMb.toFixed(0)} | — | for comparison |`,
    ...mediawikiSection(report.mediawiki),
    ...growthSection(report.growth),
  ].join("\n");
}
