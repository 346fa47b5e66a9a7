import { spawnSync } from "node:child_process";

/** Runs the command-line client (scripts/afterfork.ts) as a user would, with the given environment. */
export function afterfork(args: string[], env: Record<string, string | undefined> = {}) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/afterfork.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, AFTERFORK_URL: undefined, AFTERFORK_TOKEN: undefined, ...env },
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
