// `npm run bench`: builds a throwaway database with the normal seed plus a
// large synthetic dataset and the peer page (bench/peer.ts), measures the
// heaviest pages of the production build under load, cached, rendered and
// signed in as a maintainer, beside a bare node:http + pg server doing the
// same queries (bench/baseline.ts), their first-load JavaScript and the domain
// functions behind them, prints one Markdown table with the targets, and stops
// both servers and drops the database (also on failure and Ctrl-C). With
// BENCH_PEER=1 it also runs MediaWiki with the same content and measures both
// side by side (bench/mediawiki.ts); with BENCH_GROWTH=1 the same pages at
// 1,000 and 100,000 revisions / 50,000 functions (bench/growth.ts).
import pg from "pg";
import { deployMigrations } from "../lib/server/migrations/engine";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "../lib/server/test-databases";
import { FUNCTION_PAGE, seedDataset } from "./dataset";
import { compareWithBaseline } from "./equivalence";
import { firstLoadJs, type FirstLoadJs } from "./firstload";
import { measureInProcess } from "./inprocess";
import { runGrowth, type GrowthResult } from "./growth";
import { assertSignedIn, signIn } from "./http";
import { measure, measureColumns } from "./load";
import { sideBySide, startMediaWiki, type MediaWiki, type SideBySide } from "./mediawiki";
import { seedPeerPage } from "./peer";
import { buildInfo, machine, renderReport, type HttpFigure } from "./report";
import { PEER_PATHS, routes } from "./routes";
import { assertPortFree, ensureBuild, sampleRss, startBaseline, startServer, treeRss } from "./server";

const CONNECTIONS = 16;
const IN_PROCESS_RUNS = 50;
const RSS_TARGET_MB = 250;
/**
 * Seconds of load per URL: 13 app URLs three times (cached, rendered, signed in) and 9 baseline URLs
 * take about ten minutes, the whole run eleven.
 */
const DEFAULT_SECONDS = 10;
const MB = 1024 * 1024;
/** The maintainer whose session cookie the signed-in column sends (a demo account the bench seeds). */
const SIGNED_IN_EMAIL = "maintainer1@afterfork.test";

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
/** Registers an undo step; one registered after cleanup began (a server still starting) runs at once. */
function undoLater(undo: () => Promise<void>): void {
  if (cleaning) void undo().catch((error: unknown) => console.error(error));
  else cleanups.push(undo);
}
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const) {
  // One Ctrl-C often arrives several times (the terminal, npm and tsx each pass it on): the first starts the
  // cleanup, the others are ignored so they cannot end the process before the servers stop and the database is dropped.
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    say(`${signal}: stopping the servers and dropping the database …`);
    setTimeout(() => process.exit(code), 30_000).unref();
    void cleanup().then(() => process.exit(code));
  });
}

function seconds(): number {
  const value = Number(process.env.BENCH_SECONDS || DEFAULT_SECONDS);
  if (!Number.isFinite(value) || value < 1 || value > 120) throw new Error("BENCH_SECONDS must be between 1 and 120.");
  return Math.round(value);
}

/** The app's port (BENCH_PORT, default 3200); the baseline listens on the next one. */
function port(): number {
  const value = Number(process.env.BENCH_PORT || 3200);
  if (!Number.isInteger(value) || value < 1024 || value > 65534)
    throw new Error("BENCH_PORT must be a whole number between 1024 and 65534.");
  return value;
}

const flag = (name: string) => process.env[name] === "1";

function rounds(): number {
  const value = Number(process.env.BENCH_PEER_ROUNDS || 2);
  if (!Number.isInteger(value) || value < 1 || value > 10) throw new Error("BENCH_PEER_ROUNDS must be 1 to 10.");
  return value;
}

async function main(): Promise<void> {
  const loadSeconds = seconds();
  const appPort = port();
  const withPeer = flag("BENCH_PEER");
  const withGrowth = flag("BENCH_GROWTH");
  const peerRounds = withPeer ? rounds() : 0;
  const startedAt = new Date();
  const host = machine("?");
  // Checked again when the servers start; this saves seeding a database for nothing.
  await Promise.all([
    assertPortFree(appPort),
    assertPortFree(appPort + 1),
    ...(withGrowth ? [assertPortFree(appPort + 2)] : []),
  ]);
  await ensureBuild(say);

  // MediaWiki first, while nothing else runs: mediawiki.sh measures it on its own before the side-by-side runs.
  let wiki: MediaWiki | undefined;
  let mediawiki: SideBySide | string = "not run (`BENCH_PEER=1` runs it).";
  if (withPeer) {
    say("MediaWiki: ../shared/peer/mediawiki.sh --keep (builds the wiki once, then reuses it for three days) …");
    try {
      wiki = await startMediaWiki({ seconds: loadSeconds, connections: CONNECTIONS, say: (l) => say(l) });
      const started = wiki;
      undoLater(() => started.stop());
    } catch (error) {
      mediawiki = `could not run: ${error instanceof Error ? error.message : String(error)}`;
      say(`MediaWiki ${mediawiki}`);
    }
  }

  // Everything after the build and MediaWiki's setup is bounded: a stuck step fails the run instead of hanging it.
  const planned = routes({ historyFunction: "", diffFunction: "" });
  const measures =
    planned.length * 3 +
    planned.filter((r) => r.baseline).length +
    (wiki ? peerRounds * 16 : 0) +
    (withGrowth ? 30 : 0);
  const budgetMinutes = Math.max(10, Math.ceil(((measures * (loadSeconds * 1.2 + 14) + 240) * 1.5) / 60));
  const watchdog = setTimeout(() => {
    say(`Gave up after ${budgetMinutes} minutes.`);
    void cleanup().then(() => process.exit(1));
  }, budgetMinutes * 60_000);
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
  say(
    `Dataset ready in ${dataset.seconds.toFixed(1)} s: history page ${dataset.historyFunction}, diff ` +
      `page ${dataset.diffFunction}.`,
  );
  const peerClient = new pg.Client({ connectionString: url });
  await peerClient.connect();
  const peer = await seedPeerPage(peerClient).finally(() => peerClient.end());
  say(
    `Peer page ${peer.functionName}: ${peer.revisions} revisions and ${peer.comments} comments written in ` +
      `${peer.seconds.toFixed(1)} s.`,
  );
  const postgres =
    (await db.$queryRaw<{ server_version: string }[]>`SHOW server_version`)[0]?.server_version ?? "unknown";

  say(`In-process timings (${IN_PROCESS_RUNS} runs each) …`);
  const inProcess = await measureInProcess({
    historyFunction: dataset.historyFunction,
    diffFunction: dataset.diffFunction,
    functionPage: FUNCTION_PAGE,
    runs: IN_PROCESS_RUNS,
  });
  await db.$disconnect();

  say(`Starting the production server on port ${appPort} and the baseline on port ${appPort + 1} …`);
  const [server, baseline] = await Promise.all([
    startServer({ port: appPort, databaseUrl: url, onSpawn: undoLater }),
    startBaseline({ port: appPort + 1, databaseUrl: url, origin: `http://127.0.0.1:${appPort}`, onSpawn: undoLater }),
  ]);
  const idle = treeRss(server.pid);
  const baselineIdle = treeRss(baseline.pid);
  // The app server's peak over everything from here on: every column, the side-by-side runs.
  const serverRss = sampleRss(server.pid);
  const cookie = await signIn(server.url, SIGNED_IN_EMAIL, process.env.DEMO_PASSWORD || "afterfork-demo");
  await assertSignedIn(server.url, cookie, SIGNED_IN_EMAIL);
  say(`Signed in as ${SIGNED_IN_EMAIL}.`);
  const plan = routes(dataset);

  say("First-load JavaScript of each page …");
  const js = new Map<string, FirstLoadJs>();
  for (const route of plan.filter((r) => r.html)) js.set(route.path, await firstLoadJs(server.url, route.path));

  say("Comparing the baseline's answers with the app's …");
  const differences: string[] = [];
  for (const route of plan.filter((r) => r.baseline)) {
    const kind = route.html ? "html" : route.path.startsWith("/api/") ? "json" : "text";
    differences.push(...(await compareWithBaseline(server.url, baseline.url, route.path, kind)));
  }
  for (const difference of differences) say(`Baseline differs: ${difference}`);

  const http: HttpFigure[] = [];
  let baselinePeak = baselineIdle;
  for (const route of plan) {
    const then = route.baseline ? ", then the baseline" : "";
    say(`Load: ${route.path} (${loadSeconds} s cached, rendered every time, signed in${then}) …`);
    const rss = sampleRss(server.pid);
    const {
      cached: result,
      rendered,
      signedIn,
    } = await measureColumns(server.url, route.path, {
      seconds: loadSeconds,
      connections: CONNECTIONS,
      cookie,
    });
    const peakRssMb = rss.stop() / MB;
    let baselineResult;
    if (route.baseline) {
      const baselineRss = sampleRss(baseline.pid);
      baselineResult = await measure(baseline.url, route.path, { seconds: loadSeconds, connections: CONNECTIONS });
      baselinePeak = Math.max(baselinePeak, baselineRss.stop());
    }
    http.push({
      label: route.label,
      result,
      rendered,
      signedIn,
      peakRssMb,
      baseline: baselineResult,
      js: js.get(route.path),
      targets: route.targets,
    });
    // Failed requests are marked in the table; what the server said about them goes to stderr.
    for (const [name, r, running] of [
      ["app", result, server],
      ["app (rendered)", rendered, server],
      ["app (signed in)", signedIn, server],
      ["baseline", baselineResult, baseline],
    ] as const) {
      if (r && (r.probeStatus !== 200 || r.failures > 0))
        say(
          `${route.path} failed on the ${name} server; its last ` +
            `output:\n${running.output().split("\n").slice(-20).join("\n")}`,
        );
    }
  }
  // A failure of the side-by-side or growth runs is reported in the table; the figures above are kept.
  const failed = (error: unknown) => {
    if (interrupted) return Promise.reject(error);
    say(`Failed: ${String(error)}`);
    return `failed: ${String(error)}`;
  };
  if (wiki) {
    mediawiki = await sideBySide({
      wiki,
      appUrl: server.url,
      paths: PEER_PATHS,
      cookie,
      seconds: loadSeconds,
      connections: CONNECTIONS,
      rounds: peerRounds,
      say,
    }).catch(failed);
    await wiki.stop();
  }
  const peakMb = serverRss.stop() / MB;
  await Promise.all([server.stop(), baseline.stop()]);

  // After the main servers stopped, so that they take no CPU or memory from it.
  let growth: GrowthResult | string = "not run (`BENCH_GROWTH=1` runs it).";
  if (withGrowth)
    growth = await runGrowth({
      port: appPort + 2,
      seconds: loadSeconds,
      connections: CONNECTIONS,
      say,
      undoLater,
    }).catch(failed);

  console.log(
    renderReport({
      date: startedAt,
      seconds: (Date.now() - startedAt.getTime()) / 1000,
      machine: { ...host, postgres },
      build: buildInfo(),
      dataset,
      load: { seconds: loadSeconds, connections: CONNECTIONS, warmupSeconds: Math.max(1, Math.round(loadSeconds / 5)) },
      http,
      inProcess,
      peer,
      growth,
      mediawiki,
      baselineDifferences: differences,
      rss: {
        idleMb: idle / MB,
        peakMb: Math.max(peakMb, ...http.map((h) => h.peakRssMb)),
        targetMb: RSS_TARGET_MB,
        baselineIdleMb: baselineIdle / MB,
        baselinePeakMb: baselinePeak / MB,
      },
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
