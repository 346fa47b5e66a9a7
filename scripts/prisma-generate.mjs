// `prisma generate` needs no engine, but the CLI insists on locating one and
// would try to download it (unreachable on our offline machines). Pointing it
// at any executable satisfies the check; generation itself runs in JS.
import { spawnSync } from "node:child_process";

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/true";
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const result = spawnSync("npx", ["--no-install", "prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
