// Growth (`BENCH_GROWTH=1`): the same pages at two sizes, on a database of
// their own and a second production server. First 1,000 functions and a
// proposal page with 1,000 revisions; after those are measured, the same
// database grows in place to 50,000 functions and 100,000 revisions of that
// page (bulk writes, as bench/dataset.ts does), and the same URLs are
// measured again on the same server. The page cache follows the database's
// data_version, so nothing stale is served after the growth.
import pg from "pg";
import { hashPassword } from "../lib/auth/password";
import { DEFAULT_DEMO_PASSWORD } from "../lib/seed/demo-users";
import { deployMigrations } from "../lib/server/migrations/engine";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "../lib/server/test-databases";
import {
  AS_SAFETY_ESTIMATES,
  DEFAULT_GUARANTEE,
  IMPLEMENTATION_KINDS,
  proposalFieldsSchema,
} from "../lib/pages/fields";
import { revisionSize } from "../lib/pages/revisions";
import { writeRevisions, type RevisionRow } from "./dataset-sql";
import { assertSignedIn, signIn } from "./http";
import { measureColumns, type Columns } from "./load";
import { sampleRss, startServer, treeRss } from "./server";

export const GROWTH = {
  small: { functions: 1_000, revisions: 1_000 },
  large: { functions: 50_000, revisions: 100_000 },
} as const;
export const GROWTH_FUNCTION = "growth_history";
const SIGN_IN_EMAIL = "maintainer1@afterfork.test";
const MINUTE = 60_000;

export interface GrowthRow {
  /** What the URL shows, e.g. "history (newest 50)". */
  page: string;
  small: { path: string; columns: Columns };
  large: { path: string; columns: Columns };
}

export interface GrowthResult {
  rows: GrowthRow[];
  /** Seconds to write the large part (49,000 functions and 99,000 revisions), ANALYZE included. */
  growSeconds: number;
  /** Seconds to create, migrate and fill the small database. */
  setupSeconds: number;
  /** Peak RSS of the growth server over its runs, and after its start. */
  peakRssMb: number;
  idleRssMb: number;
}

/** The URLs measured at a size: the page's history and diffs, and the catalog. */
function urls(revisions: number): { page: string; path: string }[] {
  const base = `/functions/${GROWTH_FUNCTION}`;
  return [
    { page: "history (newest 50)", path: `${base}/history` },
    { page: "history (oldest 50, `?before=51`)", path: `${base}/history?before=51` },
    { page: "diff of the last two revisions", path: `${base}/diff?from=${revisions - 1}&to=${revisions}` },
    { page: "diff of the first and last revisions", path: `${base}/diff?from=1&to=${revisions}` },
    { page: "catalog (`/functions`)", path: "/functions" },
  ];
}

export async function insertFunctions(client: pg.Client, from: number, to: number): Promise<void> {
  // Names like libc's (lower case and underscores), in name order after the history page's function.
  await client.query(
    `INSERT INTO functions (name, created_at) SELECT format('gx_%s', lpad(i::text, 6, '0')),
      now() - interval '800 days' FROM generate_series($1::int, $2::int) i`,
    [from, to],
  );
}

/** Revisions `from`..`to` of the growth page: a 6-line proposal whose line k mod 6 each revision rewrites. */
export async function insertRevisions(
  client: pg.Client,
  page: { id: number; authors: number[]; firstId: number; start: number },
  from: number,
  to: number,
): Promise<void> {
  const fields = proposalFieldsSchema.parse({
    guarantee: DEFAULT_GUARANTEE,
    implementationKind: IMPLEMENTATION_KINDS[0],
    implementationNote: "",
    asSafety: AS_SAFETY_ESTIMATES[0],
  });
  const lines = Array.from({ length: 6 }, (_, i) => `- Point ${i + 1}: the child may call this after fork().`);
  for (let k = 1; k < from; k++) lines[k % 6] = `- Point ${(k % 6) + 1}: reviewed again in revision ${k}.`;
  for (let chunk = from; chunk <= to; chunk += 10_000) {
    const rows: RevisionRow[] = [];
    for (let k = chunk; k <= Math.min(to, chunk + 9_999); k++) {
      lines[k % 6] = `- Point ${(k % 6) + 1}: reviewed again in revision ${k}.`;
      const text = lines.join("\n");
      rows.push({
        id: page.firstId + k - 1,
        pageId: page.id,
        number: k,
        parentId: k === 1 ? null : page.firstId + k - 2,
        authorId: page.authors[k % page.authors.length]!,
        summary: k === 1 ? "Proposal" : `Review pass ${k}`,
        text,
        fields,
        size: revisionSize(text, fields),
        createdAt: new Date(page.start + k * 5 * MINUTE),
      });
    }
    await writeRevisions(client, rows, new Map([[page.id, rows.at(-1)!]]));
  }
}

/** The growth database at its small size; returns what insertRevisions needs to grow it. */
export async function seedSmall(client: pg.Client) {
  const passwordHash = await hashPassword(process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD);
  const { rows: users } = await client.query<{ id: number }>(
    `INSERT INTO users (email, name, role, password_hash, created_at)
     SELECT e, n, 'maintainer', $3, now() - interval '900 days' FROM unnest($1::text[], $2::text[]) AS t(e, n)
     RETURNING id`,
    [
      [SIGN_IN_EMAIL, "alice@growth.afterfork.test", "bob@growth.afterfork.test"],
      ["Maintainer One", "Alice", "Bob"],
      passwordHash,
    ],
  );
  const { rows: fn } = await client.query<{ id: number }>(
    `INSERT INTO functions (name, status, created_at)
       VALUES ($1, 'proposed', now() - interval '800 days') RETURNING id`,
    [GROWTH_FUNCTION],
  );
  await insertFunctions(client, 1, GROWTH.small.functions - 1);
  const { rows: page } = await client.query<{ id: number }>(
    `INSERT INTO pages (kind, function_id, created_at)
       VALUES ('proposal', $1, now() - interval '800 days') RETURNING id`,
    [fn[0]!.id],
  );
  const { rows: ids } = await client.query<{ next: number }>(
    `SELECT COALESCE(max(id), 0)::int + 1 AS next FROM revisions`,
  );
  const growthPage = {
    id: page[0]!.id,
    authors: users.map((u) => u.id),
    firstId: ids[0]!.next,
    // 100,000 revisions five minutes apart end a few minutes ago.
    start: Date.now() - (GROWTH.large.revisions + 2) * 5 * MINUTE,
  };
  await insertRevisions(client, growthPage, 1, GROWTH.small.revisions);
  await client.query("ANALYZE");
  return growthPage;
}

export async function runGrowth(options: {
  port: number;
  seconds: number;
  connections: number;
  say: (line: string) => void;
  /** Registers an undo step of the run (stop the server, drop the database). */
  undoLater: (undo: () => Promise<void>) => void;
}): Promise<GrowthResult> {
  const { say } = options;
  const started = performance.now();
  const name = uniqueDatabaseName("afterfork_bench_growth");
  const url = await createDatabase(name);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await dropDatabase(name);
    say(`Dropped database ${name}.`);
  };
  options.undoLater(drop);
  say(
    `Growth: created database ${name}; migrations, ${GROWTH.small.functions} functions, a page with ` +
      `${GROWTH.small.revisions} revisions …`,
  );
  await deployMigrations(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const page = await seedSmall(client);
    const setupSeconds = (performance.now() - started) / 1000;
    say(`Growth: starting a second production server on port ${options.port} …`);
    const server = await startServer({ port: options.port, databaseUrl: url, onSpawn: options.undoLater });
    const idle = treeRss(server.pid);
    const rss = sampleRss(server.pid);
    try {
      const cookie = await signIn(server.url, SIGN_IN_EMAIL, process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD);
      await assertSignedIn(server.url, cookie, SIGN_IN_EMAIL);
      const load = { seconds: options.seconds, connections: options.connections, cookie };
      const small: Columns[] = [];
      for (const u of urls(GROWTH.small.revisions)) {
        say(`Growth (${GROWTH.small.revisions.toLocaleString("en")}): ${u.path} …`);
        small.push(await measureColumns(server.url, u.path, load));
      }
      say(
        `Growth: writing ${(GROWTH.large.functions - GROWTH.small.functions).toLocaleString("en")} functions and ` +
          `${(GROWTH.large.revisions - GROWTH.small.revisions).toLocaleString("en")} revisions …`,
      );
      const growStarted = performance.now();
      await client.query("BEGIN");
      await insertFunctions(client, GROWTH.small.functions, GROWTH.large.functions - 1);
      await insertRevisions(client, page, GROWTH.small.revisions + 1, GROWTH.large.revisions);
      await client.query("COMMIT");
      await client.query("ANALYZE");
      const growSeconds = (performance.now() - growStarted) / 1000;
      say(`Growth: written in ${growSeconds.toFixed(1)} s.`);
      const large: Columns[] = [];
      for (const u of urls(GROWTH.large.revisions)) {
        say(`Growth (${GROWTH.large.revisions.toLocaleString("en")}): ${u.path} …`);
        large.push(await measureColumns(server.url, u.path, load));
      }
      const smallUrls = urls(GROWTH.small.revisions);
      const largeUrls = urls(GROWTH.large.revisions);
      return {
        rows: smallUrls.map((u, i) => ({
          page: u.page,
          small: { path: u.path, columns: small[i]! },
          large: { path: largeUrls[i]!.path, columns: large[i]! },
        })),
        growSeconds,
        setupSeconds,
        peakRssMb: rss.stop() / 1024 / 1024,
        idleRssMb: idle / 1024 / 1024,
      };
    } finally {
      rss.stop();
      await server.stop();
    }
  } finally {
    await client.end();
    await drop();
  }
}
