import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient, db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { exportBackup, serializeBackup } from "@/lib/backup/export";
import { restoreBackupText } from "@/lib/backup/restore";
import { TABLES } from "@/lib/backup/tables";
import { deployMigrations, MIGRATIONS_DIR } from "@/lib/server/migrations/engine";
import { seed } from "@/lib/seed";
import { seedDemoUsers } from "@/lib/seed/demo-users";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "@/lib/server/test-databases";

// A backup written by the version before the mail and reachability migrations: no tables, no columns of theirs.
const OLDER_FILE_LACKS = {
  tables: ["function_reachability", "mail_preferences"],
  columns: {
    functions: ["reachability_id"],
    users: ["email_verified_at"],
    implementation_evidence: ["provider", "line", "syscalls", "via", "flags"],
  } as Record<string, string[]>,
};

const target = { name: uniqueDatabaseName("afterfork_restore_old"), client: null as PrismaClient | null };

afterAll(async () => {
  await target.client?.$disconnect();
  await dropDatabase(target.name);
});

describe("backups written before a migration", () => {
  it("names migrations that exist for every table a later migration added", () => {
    const added = TABLES.filter((t) => t.addedBy).map((t) => t.addedBy!);
    expect(added.length).toBeGreaterThan(0);
    for (const name of added) expect(existsSync(path.join(MIGRATIONS_DIR, name, "migration.sql")), name).toBe(true);
  });

  it("restore with the later tables empty and the later columns at their defaults", async () => {
    await seed(db);
    await seedDemoUsers(db);
    const json = JSON.parse(serializeBackup(await exportBackup(db))) as {
      tables: Record<string, Record<string, unknown>[]>;
    };
    expect(json.tables.function_reachability!.length).toBeGreaterThan(0);
    for (const table of OLDER_FILE_LACKS.tables) delete json.tables[table];
    for (const [table, columns] of Object.entries(OLDER_FILE_LACKS.columns))
      for (const row of json.tables[table]!) for (const column of columns) delete row[column];

    const url = await createDatabase(target.name);
    await deployMigrations(url);
    target.client = createPrismaClient(url);
    const report = await restoreBackupText(JSON.stringify(json), target.client);
    expect(report.rows.functions).toBe(json.tables.functions!.length);
    expect(await target.client.functionReachability.count()).toBe(0);
    expect(await target.client.function.count({ where: { reachabilityId: { not: null } } })).toBe(0);
    expect(await target.client.user.count({ where: { emailVerifiedAt: null } })).toBe(0);
    const evidence = await target.client.implementationEvidence.findFirstOrThrow();
    expect({ provider: evidence.provider, syscalls: evidence.syscalls, via: evidence.via }).toEqual({
      provider: "",
      syscalls: [],
      via: [],
    });
  });
});
