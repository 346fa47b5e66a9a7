import { expect, test } from "@playwright/test";
import { freePort } from "../lib/server/embedded-postgres";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "../lib/server/test-databases";
import { query } from "./db";
import { startInstance, startNginx, type Instance } from "./production-nginx";
import { usersWithTokens } from "./servers";

// Two `npm start` instances on one fresh PostgreSQL database behind Debian's
// nginx with deploy/nginx.conf; a bounded mixed load runs while each instance
// in turn is stopped with SIGTERM and started again.

const EDITED = ["syscall", "prctl", "mount"];
const VOTED = ["unshare", "umount2", "cap_set_proc", "setgroups"];
const READ = [...EDITED, ...VOTED];
const TARGET_REQUESTS = 2000;
const GUARANTEE = "Safe to call in the child after fork() in a multithreaded program.";

async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = response.headers.getSetCookie().find((c) => c.includes("next-auth.session-token="));
  if (!session) throw new Error(`Signing in ${email} failed: ${response.status}`);
  return session.split(";")[0]!;
}

const revisionOf = async (base: string, fn: string) =>
  ((await (await fetch(`${base}/api/v1/functions/${fn}`)).json()) as { proposal: { currentRevisionId: number } })
    .proposal.currentRevisionId;

test("behind nginx, two instances restarted in turn under load: no failed read, every acknowledged write once and visible on both", async () => {
  test.setTimeout(300_000);
  const name = uniqueDatabaseName("afterfork_nginx");
  const url = await createDatabase(name);
  const [portA, portB] = [await freePort(3121), await freePort(3131)];
  const proxyPort = await freePort(3141);
  const proxy = `http://127.0.0.1:${proxyPort}`;
  const env = {
    DATABASE_URL: url,
    SEED_DEMO_USERS: "1",
    TRUST_PROXY: "1",
    NEXTAUTH_SECRET: "e2e-nginx-secret-not-for-production",
    NEXTAUTH_URL: proxy,
    SHUTDOWN_TIMEOUT_S: "10",
  };
  const instances: Instance[] = [];
  let nginx: { stop: () => Promise<void> } | undefined;
  try {
    // Both boot at once on the empty database: one migrates under the advisory lock, both serve.
    const booted = Date.now();
    instances.push(...(await Promise.all([startInstance(portA, env), startInstance(portB, env)])));
    const migrated = instances.filter((i) => i.output().includes("Applied migrations:"));
    expect(migrated).toHaveLength(1);
    expect(instances.filter((i) => i.output().includes("Database schema is up to date."))).toHaveLength(1);
    console.log(`two npm start on an empty database: both ready in ${Date.now() - booted} ms`);

    nginx = await startNginx(proxyPort, [portA, portB]);
    expect((await fetch(`${proxy}/metrics`)).status).toBe(404);
    const probe = await fetch(`${proxy}/healthz`);
    expect(await probe.json()).toEqual({ status: "ok" });
    expect(probe.headers.get("x-request-id")).toMatch(/^[0-9a-f]{32}$/); // nginx's $request_id, echoed

    const cookie = await signIn(proxy, "reader@afterfork.test", process.env.DEMO_PASSWORD || "afterfork-demo");
    // One editor per function: the API allows each token 60 writes a minute.
    const editors = await usersWithTokens("nginx-editor", EDITED.length, "maintainer", url);
    const voters = await usersWithTokens("nginx-voter", 50, "maintainer", url);
    const votes = await Promise.all(VOTED.map(async (fn) => ({ fn, revisionId: await revisionOf(proxy, fn) }))).then(
      (targets) => targets.flatMap((t, f) => voters.map((voter, i) => ({ ...t, voter, value: ((i + f) % 5) - 2 }))),
    );
    const bases = new Map(await Promise.all(EDITED.map(async (fn) => [fn, await revisionOf(proxy, fn)] as const)));

    const counts = { anonymous: 0, signedIn: 0, edits: 0, votes: 0 };
    const failedReads: string[] = [];
    const failedWrites: string[] = [];
    const acknowledgedEdits: { fn: string; revisionId: number; marker: string }[] = [];
    const acknowledgedVotes: typeof votes = [];
    let sent = 0;
    let restartsDone = false;
    const more = () => sent < TARGET_REQUESTS || !restartsDone;
    const read = async (path: string, headers: Record<string, string> = {}) => {
      sent++;
      try {
        const response = await fetch(`${proxy}${path}`, { headers });
        const body = await response.text();
        if (response.status !== 200) failedReads.push(`${path}: ${response.status}`);
        return body;
      } catch (error) {
        failedReads.push(`${path}: ${String(error)}`);
        return "";
      }
    };
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

    const anonymousReader = async (w: number) => {
      for (let i = w; more(); i++) {
        const fn = READ[i % READ.length]!;
        counts.anonymous++;
        // A quarter are pages (HTML), the rest the JSON API: both through the page cache.
        const api = [`/api/v1/functions/${fn}`, `/api/v1/functions/${fn}/revisions?limit=5`];
        await read([api[0], api[1], `/functions/${fn}`, api[0], api[1], "/", api[0], api[1]][i % 8]!);
        await pause(10);
      }
    };
    const signedInReader = async () => {
      for (let i = 0; more(); i++) {
        counts.signedIn++;
        if (i % 4) {
          const body = await read("/api/auth/session", { cookie });
          if (body && !body.includes("reader@afterfork.test")) failedReads.push(`session lost: ${body}`);
        } else await read(`/functions/${READ[i % READ.length]}`, { cookie });
        await pause(20);
      }
    };
    const writer = async () => {
      for (let i = 0; more(); i++) {
        const fn = EDITED[i % EDITED.length]!;
        const marker = `load write ${i}`;
        counts.edits++;
        sent++;
        try {
          const response = await fetch(`${proxy}/api/v1/functions/${fn}/proposal`, {
            method: "PUT",
            headers: {
              authorization: `Bearer ${editors[i % EDITED.length]!.token}`,
              "content-type": "application/json",
              "if-match": `"${bases.get(fn)}"`,
            },
            body: JSON.stringify({
              text: `${marker}.`,
              summary: marker,
              fields: {
                guarantee: GUARANTEE,
                implementationKind: "syscall stub",
                implementationNote: "",
                asSafety: "AS-safe",
              },
            }),
          });
          const body = (await response.json()) as { revisionId?: number };
          if (response.status === 201) {
            acknowledgedEdits.push({ fn, revisionId: body.revisionId!, marker });
            bases.set(fn, body.revisionId!);
          } else {
            failedWrites.push(`PUT ${fn}: ${response.status}`);
            bases.set(fn, await revisionOf(proxy, fn));
          }
        } catch (error) {
          failedWrites.push(`PUT ${fn}: ${String(error)}`);
        }
        await pause(150);
      }
    };
    const voter = async () => {
      for (const vote of votes) {
        if (!more()) break;
        counts.votes++;
        sent++;
        try {
          const response = await fetch(`${proxy}/api/v1/functions/${vote.fn}/votes`, {
            method: "POST",
            headers: { authorization: `Bearer ${vote.voter.token}`, "content-type": "application/json" },
            body: JSON.stringify({ revisionId: vote.revisionId, value: vote.value, comment: "" }),
          });
          await response.text();
          if (response.status < 300) acknowledgedVotes.push(vote);
          else failedWrites.push(`vote ${vote.fn}: ${response.status}`);
        } catch (error) {
          failedWrites.push(`vote ${vote.fn}: ${String(error)}`);
        }
        await pause(150);
      }
    };

    const restarts: string[] = [];
    const restartInTurn = async () => {
      await pause(2_000);
      for (const index of [0, 1]) {
        const old = instances[index]!;
        const stoppedAt = Date.now();
        const code = await old.stop();
        expect(code).toBe(0);
        expect(old.output()).toContain('"msg":"stopped"');
        const drained = Date.now() - stoppedAt;
        instances[index] = await startInstance(old.port, { ...env });
        restarts.push(`instance ${index + 1}: drained in ${drained} ms, back in ${Date.now() - stoppedAt} ms`);
        // nginx tries an instance again fail_timeout (5 s) after it refused a
        // connection; the other is stopped only once this one serves nginx's
        // requests again (its first request line: probes log at debug).
        const back = instances[index]!;
        const deadline = Date.now() + 30_000;
        while (!back.output().includes('"msg":"request"') && Date.now() < deadline) await pause(100);
      }
      restartsDone = true;
    };

    const started = Date.now();
    await Promise.all([restartInTurn(), ...[0, 1, 2, 3].map(anonymousReader), signedInReader(), writer(), voter()]);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `${sent} requests in ${seconds.toFixed(1)} s through nginx (${JSON.stringify(counts)}); ` +
        `failed reads ${failedReads.length}; writes acknowledged ${acknowledgedEdits.length} edits + ${acknowledgedVotes.length} votes, ` +
        `failed ${failedWrites.length} ${JSON.stringify(failedWrites.slice(0, 5))}; ${restarts.join("; ")}`,
    );
    expect(failedReads).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(TARGET_REQUESTS);

    // No write applied twice: each marker is at most one revision; each vote one row.
    const duplicates = await query<{ text: string; n: string }>(
      "SELECT text, count(*) AS n FROM revisions WHERE text LIKE 'load write %' GROUP BY text HAVING count(*) > 1",
      [],
      url,
    );
    expect(duplicates).toEqual([]);
    for (const instance of instances) {
      for (const fn of EDITED) {
        const list = (await (await fetch(`${instance.url}/api/v1/functions/${fn}/revisions?limit=200`)).json()) as {
          items: { id: number }[];
        };
        const ids = new Set(list.items.map((r) => r.id));
        const missing = acknowledgedEdits.filter((e) => e.fn === fn && !ids.has(e.revisionId));
        expect(missing, `edits of ${fn} missing on port ${instance.port}`).toEqual([]);
      }
      for (const fn of VOTED) {
        const detail = (await (await fetch(`${instance.url}/api/v1/functions/${fn}`)).json()) as {
          votes: { voter: string; value: number }[];
        };
        const shown = new Map(detail.votes.map((v) => [v.voter, v.value]));
        for (const vote of acknowledgedVotes.filter((v) => v.fn === fn)) {
          const voterName = `nginx-voter ${voters.indexOf(vote.voter)}`;
          expect(shown.get(voterName), `${voterName} on ${fn} via port ${instance.port}`).toBe(vote.value);
        }
      }
      // The session cookie made through nginx works on each instance directly.
      const session = (await (await fetch(`${instance.url}/api/auth/session`, { headers: { cookie } })).json()) as {
        user?: { email?: string };
      };
      expect(session.user?.email).toBe("reader@afterfork.test");
    }
  } finally {
    await nginx?.stop();
    await Promise.all(instances.map((instance) => instance.stop()));
    await dropDatabase(name);
  }
});
