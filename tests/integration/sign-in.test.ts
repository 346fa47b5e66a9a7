import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { signInWithPassword, SignInRefused } from "@/lib/auth/sign-in";

async function makeUser(email: string, password: string, disabled = false) {
  return db.user.create({ data: { email, name: email, passwordHash: await hashPassword(password), disabled } });
}

const FROM = { ip: "192.0.2.1" };

async function refusal(input: unknown): Promise<string> {
  try {
    await signInWithPassword(input, FROM);
    return "signed in";
  } catch (error) {
    if (error instanceof SignInRefused) return error.reason;
    throw error;
  }
}

describe("sign-in with a password", () => {
  it("accepts the right password, case-insensitively on the email", async () => {
    const user = await makeUser("ok@example.org", "right password 1");
    await expect(
      signInWithPassword({ email: "OK@example.org", password: "right password 1" }, FROM),
    ).resolves.toMatchObject({
      id: String(user.id),
      role: "reader",
    });
  });

  it("gives the same refusal for a wrong password and an unknown email", async () => {
    await makeUser("wrong@example.org", "right password 2");
    expect(await refusal({ email: "wrong@example.org", password: "nope" })).toBe("invalid");
    expect(await refusal({ email: "nobody@example.org", password: "nope" })).toBe("invalid");
  });

  it("refuses a disabled account", async () => {
    await makeUser("off@example.org", "right password 3", true);
    expect(await refusal({ email: "off@example.org", password: "right password 3" })).toBe("invalid");
  });
});
