import { mkdtempSync, rmSync, statSync, unlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { passwordFile, startEmbeddedPostgres, type RunningPostgres } from "@/lib/server/embedded-postgres";

// Item 6: the embedded PostgreSQL's superuser password was a constant in the
// code, so any local user could connect and read the session secret.
const LEGACY = "afterfork";
const dataDir = mkdtempSync(path.join(os.tmpdir(), "afterfork-pg-"));
let running: RunningPostgres | null = null;

afterAll(async () => {
  await running?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function connects(url: string, password: string): Promise<boolean> {
  const target = new URL(url);
  target.password = encodeURIComponent(password);
  const client = new pg.Client({ connectionString: target.toString() });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const passwordIn = (url: string) => decodeURIComponent(new URL(url).password);

describe("the embedded database's password", () => {
  it("is random, kept in the data directory with mode 0600, and the old constant does not work", async () => {
    running = await startEmbeddedPostgres(dataDir, () => {});
    expect(statSync(passwordFile(dataDir)).mode & 0o777).toBe(0o600);
    expect(passwordIn(running.url)).not.toBe(LEGACY);
    expect(await connects(running.url, passwordIn(running.url))).toBe(true);
    expect(await connects(running.url, LEGACY)).toBe(false);
  });

  it("a database made with the old constant password keeps working and gets a random one", async () => {
    const client = new pg.Client({ connectionString: running!.url });
    await client.connect();
    await client.query(`ALTER ROLE postgres PASSWORD '${LEGACY}'`);
    await client.end();
    await running!.stop();
    unlinkSync(passwordFile(dataDir));
    running = await startEmbeddedPostgres(dataDir, () => {});
    expect(statSync(passwordFile(dataDir)).mode & 0o777).toBe(0o600);
    expect(await connects(running.url, LEGACY)).toBe(false);
    expect(await connects(running.url, passwordIn(running.url))).toBe(true);
  });
}, 180_000);
