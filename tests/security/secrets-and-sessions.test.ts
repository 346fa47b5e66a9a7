import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, describe, expect, it, vi } from "vitest";

// Item 6: the session secret went into every backup and never rotated, and a
// session carried only the user id, so a changed password, a new role or a
// disabled account left existing cookies working.
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => new Map() }));

const { db, createPrismaClient } = await import("@/lib/db");
const { ensureAuthSecret, SESSION_SECRET_SETTING } = await import("@/lib/auth/secret");
const { exportBackup, serializeBackup } = await import("@/lib/backup/export");
const { restoreBackupText } = await import("@/lib/backup/restore");
const { loadActor } = await import("@/lib/auth/session");
const { authOptions } = await import("@/lib/auth/options");
const { setUserDisabled, setUserRole } = await import("@/lib/users/mutations");
const { changePassword, signOutEverywhere } = await import("@/lib/users/account");
const { hashPassword } = await import("@/lib/auth/password");
const { createDatabase, dropDatabase, uniqueDatabaseName } = await import("@/lib/server/test-databases");
const { inject } = await import("vitest");

const restored = uniqueDatabaseName("afterfork_sec_restore");
afterAll(() => dropDatabase(restored));

const secretOf = async (client = db) =>
  (await client.setting.findUnique({ where: { key: SESSION_SECRET_SETTING } }))?.value ?? null;

describe("the session secret", () => {
  it("is left out of backups, and a restore makes a new one", async () => {
    const original = await ensureAuthSecret(db);
    const text = serializeBackup(await exportBackup(db));
    expect(text).not.toContain(SESSION_SECRET_SETTING);
    expect(text).not.toContain(original);
    const target = createPrismaClient(await createDatabase(restored, inject("templateDatabase")));
    try {
      delete process.env.NEXTAUTH_SECRET;
      await restoreBackupText(text, target);
      const fresh = await secretOf(target);
      expect(typeof fresh).toBe("string");
      expect(fresh).not.toBe(original);
    } finally {
      await target.$disconnect();
    }
  });

  it("rotates with `npm run afterfork -- secret rotate`", async () => {
    const before = await ensureAuthSecret(db);
    const { stderr } = await promisify(execFile)("npx", ["tsx", "scripts/afterfork.ts", "secret", "rotate"], {
      env: { ...process.env, NEXTAUTH_SECRET: "" },
    });
    expect(stderr).toContain("every session ends");
    expect(await secretOf()).not.toBe(before);
  }, 60_000);
});

describe("a session's version", () => {
  const newUser = async (email: string) =>
    db.user.create({
      data: { email, name: email, role: "maintainer", passwordHash: await hashPassword("old password 1") },
    });
  const session = async (userId: number) => {
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    return { sessionVersion: user.sessionVersion };
  };

  it("is put in the JWT at sign-in", async () => {
    const user = await newUser("jwt@example.org");
    const options = await authOptions();
    const token = await options.callbacks!.jwt!({ token: {}, user: { id: String(user.id) } } as never);
    expect(token.sv).toBe(user.sessionVersion);
  });

  const ENDINGS: [string, (userId: number, adminId: number) => Promise<unknown>][] = [
    ["a role change", (id, admin) => setUserRole(admin, id, "reader")],
    ["disabling", (id, admin) => setUserDisabled(admin, id, true)],
    [
      "a password change",
      (id) =>
        changePassword(id, { current: "old password 1", password: "new password 12", confirm: "new password 12" }),
    ],
    ["sign out everywhere", (id) => signOutEverywhere(id)],
  ];
  it.each(ENDINGS)("ends every session on %s", async (what, end) => {
    const admin = await newUser(`admin-${what.replace(/\W/g, "")}@example.org`);
    const user = await newUser(`${what.replace(/\W/g, "")}@example.org`);
    const cookie = await session(user.id);
    expect(await loadActor(user.id, cookie)).not.toBeNull();
    await end(user.id, admin.id);
    if (what === "disabling") await setUserDisabled(admin.id, user.id, false);
    expect(await loadActor(user.id, cookie)).toBeNull();
    expect(await loadActor(user.id, await session(user.id))).not.toBeNull();
  });
});
