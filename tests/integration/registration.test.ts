import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { register } from "@/lib/users/registration";
import { verifyPassword } from "@/lib/auth/password";

const good = { email: "New.Person@Example.org", name: "New Person", password: "correct horse battery" };

describe("registration", () => {
  it("creates a reader with a hashed password and a lower-cased email", async () => {
    const state = await register(good);
    expect(state.status).toBe("ok");
    const user = await db.user.findUniqueOrThrow({ where: { email: "new.person@example.org" } });
    expect(user.role).toBe("reader");
    expect(user.passwordHash).not.toContain(good.password);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.passwordHash, good.password)).toBe(true);
  });

  it.each([
    ["a malformed email", { ...good, email: "not-an-email" }, "email", /valid email/],
    ["a short password", { ...good, email: "short@example.org", password: "abc" }, "password", /at least 10/],
    ["an empty name", { ...good, email: "noname@example.org", name: "  " }, "name", /name/],
    ["an email already taken", { ...good, email: "NEW.person@example.org" }, "email", /already exists/],
  ])("refuses %s with a field error and writes no row", async (_label, input, field, message) => {
    const before = await db.user.count();
    const state = await register(input);
    expect(state.status).toBe("error");
    if (state.status !== "error") return;
    expect(state.fieldErrors?.[field]?.join(" ")).toMatch(message);
    expect(await db.user.count()).toBe(before);
  });
});
