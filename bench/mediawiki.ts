// MediaWiki side by side (`BENCH_PEER=1`): runs ../shared/peer/mediawiki.sh
// --keep (MediaWiki 1.39 from Debian behind nginx + PHP-FPM on 127.0.0.1:8088,
// holding the same content as bench/peer.ts; it measures its four pages and
// prints a Markdown table), keeps that table, then measures the wiki's pages
// itself, alternating with the same pages on Afterfork (signed in, rendered,
// cached), so that both are compared inside one run with one load generator.
// The wiki is stopped at the end (`--stop`) unless it was running before.
import { spawn } from "node:child_process";
import path from "node:path";
import { request } from "./http";
import { measure, measureColumns, type Columns, type LoadResult } from "./load";
import type { Route } from "./routes";

export type PeerPage = NonNullable<Route["peer"]>;

/** mediawiki.sh's names of its four rows, in its order. */
const SCRIPT_ROWS: Record<string, PeerPage> = {
  "view big page": "view",
  "diff rev 10 vs 150": "diff",
  "history (default 50)": "history",
  "Special:RecentChanges": "recent",
};
const PAGE_NAMES: Record<PeerPage, string> = {
  view: "view the page",
  diff: "diff revision 10 → 150",
  history: "history",
  recent: "recent changes",
};
const BIG = "Requirements_specification";

export interface MediaWiki {
  base: string;
  urls: Record<PeerPage, string>;
  /** Its own table, versions and cache settings, as printed. */
  output: string;
  /** Its req/s per page, from its table. */
  scriptRps: Partial<Record<PeerPage, number>>;
  scriptPeakRss?: number;
  /** Stops the wiki when this run started it (else a no-op). */
  stop(): Promise<void>;
}

export interface SideBySide {
  about: string;
  rounds: number;
  seconds: number;
  connections: number;
  pages: {
    name: string;
    script?: string;
    rounds: { mediawiki: LoadResult; afterfork: Columns }[];
  }[];
  scriptOutput: string;
  scriptPeakRss?: number;
}

function script(): string {
  return process.env.BENCH_PEER_SCRIPT || path.resolve("..", "shared", "peer", "mediawiki.sh");
}

function runScript(args: string[], say: (line: string) => void, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [script(), ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      for (const line of chunk.toString().split("\n").filter(Boolean)) say(line);
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0
        ? resolve(out)
        : reject(
            new Error(`mediawiki.sh ${args.join(" ")} exited with ${code}: ${err.trim().split("\n").at(-1) ?? ""}`),
          ),
    );
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await request(url, { timeoutMs: 3_000 })).status < 500;
  } catch {
    return false;
  }
}

/**
 * Sets MediaWiki up (or reuses a wiki built in the last three days) and leaves it running; throws with
 * the reason when it cannot run here.
 */
export async function startMediaWiki(options: {
  seconds: number;
  connections: number;
  say: (line: string) => void;
}): Promise<MediaWiki> {
  const port = Number(process.env.PEER_MW_PORT || 8088);
  const base = `http://127.0.0.1:${port}`;
  if (process.getuid?.() !== 0)
    throw new Error(
      "mediawiki.sh must run as root (it installs Debian packages and runs nginx and PHP-FPM as www-data)",
    );
  const wasRunning = await answers(`${base}/index.php?title=Main_Page`);
  const env = {
    PEER_MW_DURATION: process.env.PEER_MW_DURATION || String(options.seconds),
    PEER_MW_CONNS: process.env.PEER_MW_CONNS || String(options.connections),
    PEER_MW_PORT: String(port),
  };
  let stopped = false;
  const stop = async () => {
    if (wasRunning || stopped) return;
    stopped = true;
    await runScript(["--stop"], options.say, env);
  };
  let output: string;
  try {
    output = await runScript(["--keep"], options.say, env);
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  const ids = /diff = oldid (\d+) \(10th\) vs diff (\d+) \(150th\)/.exec(output);
  if (!ids) {
    await stop();
    throw new Error("mediawiki.sh printed no revision ids of the 10th and 150th revisions");
  }
  const scriptRps: Partial<Record<PeerPage, number>> = {};
  let scriptPeakRss: number | undefined;
  for (const line of output.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    const page = SCRIPT_ROWS[cells[1] ?? ""];
    if (!page) continue;
    scriptRps[page] = Number.parseFloat(cells[2]!);
    const rss = Number.parseFloat(cells[9] ?? "");
    if (Number.isFinite(rss)) scriptPeakRss = Math.max(scriptPeakRss ?? 0, rss);
  }
  const index = `${base}/index.php?title=`;
  return {
    base,
    urls: {
      view: `${index}${BIG}`,
      diff: `${index}${BIG}&diff=${ids[2]}&oldid=${ids[1]}`,
      history: `${index}${BIG}&action=history`,
      recent: `${index}Special:RecentChanges`,
    },
    output,
    scriptRps,
    scriptPeakRss,
    stop,
  };
}

/** Rounds of MediaWiki page, then the same Afterfork page signed in, rendered and cached, page by page. */
export async function sideBySide(options: {
  wiki: MediaWiki;
  appUrl: string;
  paths: Record<PeerPage, string>;
  cookie: string;
  seconds: number;
  connections: number;
  rounds: number;
  say: (line: string) => void;
}): Promise<SideBySide> {
  const { wiki } = options;
  const pages = (Object.keys(PAGE_NAMES) as PeerPage[]).map((page) => ({
    page,
    name: PAGE_NAMES[page],
    script: wiki.scriptRps[page]?.toFixed(1),
    rounds: [] as SideBySide["pages"][number]["rounds"],
  }));
  const load = { seconds: options.seconds, connections: options.connections };
  for (let round = 1; round <= options.rounds; round++)
    for (const p of pages) {
      options.say(`Side by side, round ${round}/${options.rounds}: ${p.name} on MediaWiki, then on Afterfork …`);
      const url = new URL(wiki.urls[p.page]);
      const mediawiki = await measure(url.origin, `${url.pathname}${url.search}`, load);
      const afterfork = await measureColumns(options.appUrl, options.paths[p.page], {
        ...load,
        cookie: options.cookie,
      });
      p.rounds.push({ mediawiki, afterfork });
    }
  const versions = /- MediaWiki: ([^\n]+)/.exec(wiki.output)?.[1] ?? "MediaWiki";
  const db = /- DB: ([^\s]+ [^\s]+)/.exec(wiki.output)?.[1] ?? "";
  return {
    about: `${versions} on ${wiki.base}, nginx + PHP-FPM (8 workers, opcache, APCu)${db ? `, ${db}` : ""}`,
    rounds: options.rounds,
    seconds: options.seconds,
    connections: options.connections,
    pages: pages.map(({ name, script, rounds }) => ({ name, script, rounds })),
    scriptOutput: wiki.output,
    scriptPeakRss: wiki.scriptPeakRss,
  };
}
