import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { requireDatabaseUrl } from "@/lib/server/env";

export function createPrismaClient(connectionString = requireDatabaseUrl()): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10 }) });
}

// One client per process, created on first use so that importing this module
// (during `next build`, say) needs no DATABASE_URL. Kept on globalThis because
// Next's dev server re-evaluates modules on every change.
const holder = globalThis as unknown as { afterforkPrisma?: PrismaClient };

function client(): PrismaClient {
  holder.afterforkPrisma ??= createPrismaClient();
  return holder.afterforkPrisma;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const real = client();
    const value: unknown = Reflect.get(real, property);
    return typeof value === "function" ? value.bind(real) : value;
  },
  has(_target, property) {
    return Reflect.has(client(), property);
  },
});

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
/** Either the client or a transaction: domain functions accept both. */
export type DbClient = PrismaClient | Tx;

type TransactionOptions = NonNullable<Parameters<PrismaClient["$transaction"]>[1]>;

/** Runs `run` in a transaction of its own, or in the caller's when `client` already is one. */
export function inTransaction<T>(client: DbClient, run: (tx: Tx) => Promise<T>, options?: TransactionOptions) {
  return "$transaction" in client ? client.$transaction(run, options) : run(client);
}

/** An importer's whole file in one transaction, so it may take longer than Prisma's default five seconds. */
export function inImportTransaction<T>(client: DbClient, run: (tx: Tx) => Promise<T>) {
  return inTransaction(client, run, { timeout: 120_000, maxWait: 30_000 });
}
