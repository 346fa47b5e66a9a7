// `npm run bench`: builds a throwaway database with the normal seed plus a
// large synthetic dataset, measures the heaviest pages of the production
// build under load and the domain functions behind them, prints one Markdown
// table with the targets, and drops the database (also on Ctrl-C).
import { deployMigrations } from "../lib/migrations/engine";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "../lib/test-databases";
import { seedDataset } from "./dataset";
import { measureInProcess } from "./inprocess";
import { measure } from "./load";
import { buildInfo, machine, renderReport, type HttpFigure } from "./report";
import { ensureBuild, sampleRss, startServer, treeRss } from "./server";

const PORT = 3200;
const CONNECTIONS = 16;
const IN_PROCESS_RUNS = 50;
const RSS_TARGET_MB = 300;
const MB = 1024 * 1024;

const say = (line: string) => console.error(`[bench] ${line}`);

// Undone in reverse order, once, whether the run ends, fails or is interrupted.
const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | undefined;
let interrupted = false;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const undo of cleanups.reverse()) {
      try {
        await undo();
      } catch (error) {
        console.error(error);
      }
    }
  })();
  return cleaning;
}
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  process.once(signal, () => {
    interrupted = true;
    say(`${signal}: stopping the server and dropping the database …`);
    void cleanup().then(() => process.exit(code));
  });
}

function seconds(): number {
  const value = Number(process.env.BENCH_SECONDS || 10);
  if (!Number.isFinite(value) || value < 1 || value > 120) throw new Error("BENCH_SECONDS must be between 1 and 120.");
  return Math.round(value);
}

async function main(): Promise<void> {
  const loadSeconds = seconds();
  const startedAt = new Date();
  const host = machine("?");
  ensureBuild(say);
  // Everything after the build is bounded: a stuck step fails the run instead of hanging it.
  const watchdog = setTimeout(() => {
    say("Gave up after 10 minutes.");
    void cleanup().then(() => process.exit(1));
  }, 10 * 60_000);
  watchdog.unref();

  const name = uniqueDatabaseName("afterfork_bench");
  const url = await createDatabase(name);
  cleanups.push(() => dropDatabase(name).then(() => say(`Dropped database ${name}.`)));
  say(`Created database ${name}; applying migrations and the normal seed …`);
  await deployMigrations(url);
  process.env.DATABASE_URL = url;
  const { db } = await import("../lib/db");
  cleanups.push(() => db.$disconnect());
  const { seed } = await import("../lib/seed");
  const { seedDemoUsers } = await import("../lib/seed/demo-users");
  await seed(db);
  await seedDemoUsers(db);
  const dataset = await seedDataset(url, say);
  say(`Dataset ready in ${dataset.seconds.toFixed(1)} s: history page ${dataset.historyFunction}, diff page ${dataset.diffFunction}.`);
  const postgres = (await db.$queryRaw<{ server_version: string }[]>`SHOW server_version`)[0]?.server_version ?? "unknown";

  say(`In-process timings (${IN_PROCESS_RUNS} runs each) …`);
  const inProcess = await measureInProcess({ historyFunction: dataset.historyFunction, diffFunction: dataset.diffFunction, runs: IN_PROCESS_RUNS });
  await db.$disconnect();

  say(`Starting the production server on port ${PORT} …`);
  const server = await startServer({ port: PORT, databaseUrl: url });
  cleanups.push(() => server.stop());
  const idle = treeRss(server.pid);
  // The diff page goes last: the memory it leaves behind would inflate the peak RSS of the rows after it.
  const targets: { label: string; path: string; p95Target?: number }[] = [
    { label: "`/functions` (catalog)", path: "/functions", p95Target: 100 },
    { label: "`/functions?as=unsafe&project=linted`", path: "/functions?as=unsafe&project=linted", p95Target: 100 },
    { label: "`/functions/setgroups` (function page)", path: "/functions/setgroups", p95Target: 50 },
    { label: `\`/functions/${dataset.historyFunction}/history\` (1,000 revisions)`, path: `/functions/${dataset.historyFunction}/history`, p95Target: 100 },
    { label: "`/recent` (recent changes)", path: "/recent" },
    { label: `\`/functions/${dataset.diffFunction}/diff?from=1&to=2\` (2,000 lines)`, path: `/functions/${dataset.diffFunction}/diff?from=1&to=2`, p95Target: 50 },
  ];
  const http: HttpFigure[] = [];
  for (const target of targets) {
    say(`Load: ${target.path} (${loadSeconds} s) …`);
    const rss = sampleRss(server.pid);
    const result = await measure(server.url, target.path, { seconds: loadSeconds, connections: CONNECTIONS });
    http.push({ label: target.label, p95Target: target.p95Target, result, peakRssMb: rss.stop() / MB });
  }
  await server.stop();

  console.log(
    renderReport({
      date: startedAt,
      machine: { ...host, postgres },
      build: buildInfo(),
      dataset,
      load: { seconds: loadSeconds, connections: CONNECTIONS, warmupSeconds: Math.max(1, Math.round(loadSeconds / 5)) },
      http,
      inProcess,
      rss: { idleMb: idle / MB, peakMb: Math.max(...http.map((h) => h.peakRssMb)), targetMb: RSS_TARGET_MB },
    }),
  );
}

main()
  .then(
    () => 0,
    (error: unknown) => {
      // After an interrupt the steps still running fail as their server and database go away; that is expected.
      if (!interrupted) console.error(error);
      return 1;
    },
  )
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  });
