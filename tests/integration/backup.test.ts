import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createPrismaClient } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { audit } from "@/lib/audit/log";
import { ensureAuthSecret } from "@/lib/auth/secret";
import { BackupError, schemaProblems } from "@/lib/backup/database";
import { exportBackup, serializeBackup } from "@/lib/backup/export";
import { parseBackup, referencedFirst, restoreBackup, restoreBackupText } from "@/lib/backup/restore";
import { EXCLUDED_TABLES, TABLES } from "@/lib/backup/tables";
import { addComment } from "@/lib/comments/mutations";
import { turnKindOff } from "@/lib/mail/preferences";
import { deployMigrations } from "@/lib/server/migrations/engine";
import { DEFAULT_GUARANTEE } from "@/lib/pages/fields";
import { restoreRevision } from "@/lib/pages/revert";
import { ensureProposalPage, saveRevision } from "@/lib/pages/revisions";
import { castVote, recordAgreement, rejectProposal } from "@/lib/review/mutations";
import { saveRule } from "@/lib/review/rule";
import { seed } from "@/lib/seed";
import { seedDemoUsers } from "@/lib/seed/demo-users";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "@/lib/server/test-databases";
import { createFeedToken, revokeFeedToken, setWatching } from "@/lib/watch/watchlist";

const EXPORTED_AT = new Date("2026-05-01T08:00:00.000Z");
const BIG_AUDIT_ID = 9007199254740993n; // 2^53 + 1: not representable as a JavaScript number

const targets: { name: string; client: PrismaClient }[] = [];

/** A fresh, migrated, empty database with its own client. */
async function emptyDatabase(): Promise<PrismaClient> {
  const name = uniqueDatabaseName("afterfork_restore");
  const url = await createDatabase(name);
  await deployMigrations(url);
  const client = createPrismaClient(url);
  targets.push({ name, client });
  return client;
}

async function snapshot(client: PrismaClient): Promise<string> {
  return serializeBackup(await exportBackup(client, { exportedAt: EXPORTED_AT }));
}

async function rowCounts(client: PrismaClient): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const [row] = await client.$queryRawUnsafe<{ n: string }[]>(`SELECT count(*)::text AS n FROM "${t.table}"`);
    out[t.table] = Number(row!.n);
  }
  return out;
}

const userId = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email } })).id;

beforeAll(async () => {
  await seed(db);
  await seedDemoUsers(db);
  const [admin, m1, m2, rep, reader] = await Promise.all(
    ["admin", "maintainer1", "maintainer2", "rep-linted", "reader"].map((n) => userId(`${n}@afterfork.test`)),
  );
  await db.user.update({ where: { id: reader! }, data: { disabled: true } });
  await db.oAuthIdentity.create({ data: { provider: "github", subject: "12345", userId: reader! } });
  await db.oAuthIdentity.create({ data: { provider: "gitlab", subject: "Ünïcode-subject", userId: rep! } });

  // Review: votes, an agreement, a pending edit, a restore of an old revision, a rejection.
  const mount = await db.function.findUniqueOrThrow({ where: { name: "mount" }, include: { page: true } });
  const p = { pageId: mount.page!.id, revisionId: mount.page!.currentRevisionId! };
  await castVote(m1!, { ...p, value: 1, comment: "plain system call" });
  await castVote(m2!, { ...p, value: 2, comment: "agreed — «ok» 🚀" });
  await recordAgreement(m1!, p);
  const fields = {
    guarantee: DEFAULT_GUARANTEE,
    implementationKind: "syscall stub",
    implementationNote: "",
    asSafety: "AS-safe",
  };
  await saveRevision({
    pageId: p.pageId,
    baseRevisionId: p.revisionId,
    authorId: rep!,
    summary: "pending",
    text: "Pending text\nwith two lines and a tab\there.",
    fields,
  });
  await restoreRevision(p.pageId, 1, m1!);
  const cap = await db.function.findUniqueOrThrow({ where: { name: "cap_set_proc" }, include: { page: true } });
  await rejectProposal(m2!, { pageId: cap.page!.id, reason: "libcap, not glibc" });

  // A fresh proposal page with a comment thread.
  const fn = await db.function.create({ data: { name: "backup_fn" } });
  const page = await ensureProposalPage(db, fn.id);
  await saveRevision({ pageId: page.id, baseRevisionId: null, authorId: rep!, summary: "", text: "", fields });
  const parent = await addComment({ pageId: page.id, parentId: null, body: "First comment" }, rep!);
  await addComment({ pageId: page.id, parentId: parent.id, body: "A reply with `code` and <b>tags</b>" }, m1!);

  // Settings: the rule (an object), the session secret (a JSON string), a JSON null.
  await saveRule(admin!, { minApprovals: 2, minStrongApprovals: 1, vetoBlocks: false });
  await ensureAuthSecret(db);
  await db.$executeRawUnsafe(
    `INSERT INTO settings (key, value, updated_at) VALUES ('test.null', 'null'::jsonb, '2026-01-02T03:04:05.678Z')`,
  );

  // Audit: nested JSON, and a bigint id past 2^53.
  await audit(db, {
    actorId: admin!,
    action: "test.nested",
    targetType: "test",
    targetId: "x",
    details: { list: [1, 2.5, -3, 1e21, null, true], nested: { é: "ü", empty: {} }, text: "line\nbreak" },
  });
  await db.$executeRawUnsafe(
    `INSERT INTO audit_events (id, actor_id, action, target_type, target_id, details) VALUES (${BIG_AUDIT_ID}, NULL, 'test.bigint', 'test', 'y', '[]'::jsonb)`,
  );

  // Tokens and watches.
  await createFeedToken(m1!);
  await createFeedToken(m2!);
  await revokeFeedToken(m2!);
  await db.accessToken.updateMany({
    where: { userId: m1! },
    data: { lastUsedAt: new Date("2026-02-03T04:05:06.789Z") },
  });
  await setWatching(m1!, p.pageId, true);
  await setWatching(rep!, page.id, true);
  // Mail settings: an unsubscribe from one kind, and auto-watch turned off.
  await turnKindOff(m2!, "page-comment");
  await db.mailPreference.update({ where: { userId: m2! }, data: { autoWatch: false } });

  // Implementation evidence, one current, one historical.
  const imp = await db.referenceImport.create({
    data: { kind: "glibc_source", source: "glibc test", origin: "tests", importedById: admin! },
  });
  const imp2 = await db.referenceImport.create({
    data: { kind: "glibc_source", source: "glibc test 2", origin: "tests" },
  });
  await db.implementationEvidence.create({
    data: {
      functionId: mount.id,
      importId: imp.id,
      target: "x86_64-linux-gnu",
      kind: "assembly",
      path: "sysdeps/unix/syscalls.list",
      syscall: "mount",
    },
  });
  const current = await db.implementationEvidence.create({
    data: {
      functionId: mount.id,
      importId: imp2.id,
      target: "x86_64-linux-gnu",
      kind: "syscall-stub",
      path: "sysdeps/unix/sysv/linux/syscalls.list",
      syscall: "mount",
      // Text arrays, including a name with a comma and quotes, survive the file.
      provider: "sysdeps/unix/sysv/linux/syscalls.list",
      line: 39,
      syscalls: ["mount"],
      via: ['__a,"b"', "__c"],
      flags: ["EXTRA"],
    },
  });
  await db.function.update({ where: { id: mount.id }, data: { evidenceId: current.id } });
});

afterAll(async () => {
  for (const t of targets) {
    await t.client.$disconnect();
    await dropDatabase(t.name);
  }
});

describe("backup and restore", () => {
  it("covers every table and column of the migrated schema", async () => {
    expect(await schemaProblems(db)).toEqual([]);
    const [row] = await db.$queryRawUnsafe<{ tables: string[] }[]>(
      `SELECT array_agg(table_name::text ORDER BY table_name) AS tables FROM information_schema.tables WHERE table_schema = current_schema()`,
    );
    expect(row!.tables.filter((t) => !(t in EXCLUDED_TABLES)).sort()).toEqual(TABLES.map((t) => t.table).sort());
  });

  it("restores into an empty database to an identical site, with working sequences", async () => {
    const text = await snapshot(db);
    const backup = parseBackup(text);
    // Every kind of record is there.
    for (const t of TABLES) expect(backup.tables[t.table]!.length, t.table).toBeGreaterThan(0);
    expect(backup.note).toMatch(/login_attempts and rate_limit_buckets/);
    expect(backup.tables.audit_events!.some((e) => e.id === BIG_AUDIT_ID.toString())).toBe(true);
    expect(backup.tables.settings!.find((s) => s.key === "test.null")!.value).toBeNull();
    expect(backup.tables.users!.every((u, i, all) => i === 0 || (u.id as number) > (all[i - 1]!.id as number))).toBe(
      true,
    );
    expect(backup.tables.revisions!.some((r) => r.restored_from_id !== null)).toBe(true);

    const target = await emptyDatabase();
    const report = await restoreBackupText(text, target);
    expect(report.rows.revisions).toBe(backup.tables.revisions!.length);
    expect(await snapshot(target)).toBe(text);

    // JSON and bigint values arrive exactly.
    const [secret] = await target.$queryRawUnsafe<{ t: string }[]>(
      `SELECT jsonb_typeof(value) AS t FROM settings WHERE key = 'test.null'`,
    );
    expect(secret!.t).toBe("null");
    const big = await target.auditEvent.findUniqueOrThrow({ where: { id: BIG_AUDIT_ID } });
    expect(big.action).toBe("test.bigint");
    // Text arrays arrive as arrays, element by element.
    const withVia = await target.implementationEvidence.findFirstOrThrow({ where: { via: { has: "__c" } } });
    expect([withVia.via, withVia.flags, withVia.line]).toEqual([['__a,"b"', "__c"], ["EXTRA"], 39]);

    // A restored database refuses a second restore and is left as it was.
    await expect(restoreBackupText(text, target)).rejects.toThrow(
      /The database is not empty \(users: \d+ rows, .*functions: [\d,]+ rows/,
    );
    expect(await snapshot(target)).toBe(text);

    // Sequences continue after the largest restored id.
    const maxUser = Math.max(...backup.tables.users!.map((u) => u.id as number));
    const user = await target.user.create({ data: { email: "after-restore@example.org", name: "After" } });
    expect(user.id).toBe(maxUser + 1);
    await audit(target, { actorId: user.id, action: "after.restore", targetType: "test", targetId: "z" });
    expect((await target.auditEvent.findFirstOrThrow({ where: { action: "after.restore" } })).id).toBe(
      BIG_AUDIT_ID + 1n,
    );
    const page = await target.page.findFirstOrThrow({ where: { function: { name: "backup_fn" } } });
    const maxRevision = Math.max(...backup.tables.revisions!.map((r) => r.id as number));
    const saved = await saveRevision(
      {
        pageId: page.id,
        baseRevisionId: page.currentRevisionId,
        authorId: user.id,
        summary: "after",
        text: "after restore",
        fields: {
          guarantee: DEFAULT_GUARANTEE,
          implementationKind: "complex",
          implementationNote: "",
          asSafety: "unknown",
        },
      },
      target,
    );
    expect(saved.revision.id).toBe(maxRevision + 1);
    for (const spec of TABLES.filter((t) => t.serial)) {
      const [{ seq }] = (await target.$queryRawUnsafe<{ seq: string }[]>(
        `SELECT pg_get_serial_sequence('"${spec.table}"', 'id') AS seq`,
      )) as [{ seq: string }];
      const [row] = await target.$queryRawUnsafe<{ max: string | null; next: string }[]>(
        `SELECT (SELECT max(id) FROM "${spec.table}")::text AS max, (SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM ${seq})::text AS next`,
      );
      expect(BigInt(row!.next), spec.table).toBe(BigInt(row!.max ?? "0") + 1n);
    }
  });

  it("refuses a non-empty database, changing nothing", async () => {
    const text = await snapshot(db);
    const before = await rowCounts(db);
    const error = await restoreBackupText(text, db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupError);
    expect((error as Error).message).toMatch(/^The database is not empty \(users: \d+ rows/);
    expect((error as Error).message).toMatch(/nothing was changed/);
    expect(await rowCounts(db)).toEqual(before);
  });

  it("refuses a newer format version and malformed files with the path of the first problem, changing nothing", async () => {
    const text = await snapshot(db);
    const target = await emptyDatabase();
    const json = JSON.parse(text) as { version: number; tables: Record<string, Record<string, unknown>[]> };

    await expect(restoreBackupText(JSON.stringify({ ...json, version: 2 }), target)).rejects.toThrow(
      "This backup is format version 2; this version of Afterfork reads version 1 at most.",
    );
    await expect(restoreBackupText("{ not json", target)).rejects.toThrow(/^The file is not valid JSON/);
    await expect(restoreBackupText(JSON.stringify({ hello: 1 }), target)).rejects.toThrow(
      /^The file is not an Afterfork backup: format:/,
    );

    const bad = structuredClone(json);
    bad.tables.users![1]!.email = 5;
    await expect(restoreBackupText(JSON.stringify(bad), target)).rejects.toThrow(
      /^The backup is malformed at tables\.users\[1\]\.email: /,
    );
    const extra = structuredClone(json);
    extra.tables.revisions![0]!.surprise = true;
    await expect(restoreBackupText(JSON.stringify(extra), target)).rejects.toThrow(
      /^The backup is malformed at tables\.revisions\[0\]: .*surprise/,
    );
    const stamp = structuredClone(json);
    stamp.tables.votes![0]!.created_at = "2026-01-01 10:00";
    await expect(restoreBackupText(JSON.stringify(stamp), target)).rejects.toThrow(
      /^The backup is malformed at tables\.votes\[0\]\.created_at: Expected a UTC timestamp/,
    );
    const missing = structuredClone(json);
    delete missing.tables.watches;
    await expect(restoreBackupText(JSON.stringify(missing), target)).rejects.toThrow(
      /^The backup is malformed at tables\.watches: /,
    );

    // Rows that do not fit together: the database refuses them and the transaction leaves nothing behind.
    const dangling = structuredClone(json);
    dangling.tables.votes![0]!.voter_id = 999_999;
    await expect(restoreBackupText(JSON.stringify(dangling), target)).rejects.toThrow(
      /^The database refused the backup's votes rows, so nothing was restored: .*foreign key/,
    );

    expect(Object.values(await rowCounts(target)).every((n) => n === 0)).toBe(true);
  });

  it("refuses to back up a database whose schema has a column the format does not know", async () => {
    const target = await emptyDatabase();
    await target.$executeRawUnsafe(`ALTER TABLE users ADD COLUMN nickname text`);
    await target.$executeRawUnsafe(`CREATE TABLE unknown_things (id serial PRIMARY KEY)`);
    await expect(exportBackup(target)).rejects.toThrow(
      /column users\.nickname is not in the backup format; table unknown_things is not in the backup format/,
    );
    await expect(restoreBackup(parseBackup(await snapshot(db)), target)).rejects.toThrow(
      /^Cannot restore into this database/,
    );
  });

  it("orders self-referencing rows referenced-first", () => {
    const rows = [
      { id: 3, parent_id: 5 },
      { id: 5, parent_id: null },
      { id: 7, parent_id: 3 },
      { id: 9, parent_id: 42 },
    ];
    expect(referencedFirst(rows, ["parent_id"]).map((r) => r.id)).toEqual([5, 9, 3, 7]);
    expect(() =>
      referencedFirst(
        [
          { id: 1, parent_id: 2 },
          { id: 2, parent_id: 1 },
        ],
        ["parent_id"],
      ),
    ).toThrow(/cycle/);
  });
});
