import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, SignInPage, signOut } from "./pages/sign-in-page";
import { query } from "./db";

const DEMO = [
  ["admin@afterfork.test", "Ada Admin", "admin"],
  ["maintainer1@afterfork.test", "Maintainer One", "maintainer"],
  ["maintainer2@afterfork.test", "Maintainer Two", "maintainer"],
  ["maintainer3@afterfork.test", "Maintainer Three", "maintainer"],
  ["rep-linted@afterfork.test", "linted representative", "representative"],
  ["rep-systemd@afterfork.test", "systemd representative", "representative"],
  ["reader@afterfork.test", "Reader", "reader"],
] as const;

for (const [email, name, role] of DEMO) {
  test(`signs in and out as ${email}`, async ({ page }) => {
    await new SignInPage(page).signIn(email);
    await expect(page.getByTestId("signed-in-as")).toHaveText(`${name} (${role})`);
    await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(role === "admin" ? 1 : 0);
    await signOut(page);
    await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  });
}

test("a wrong password gets one generic message and no session", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.submit("maintainer1@afterfork.test", "not the password");
  const message = page.locator(".notice.error");
  await expect(message).toHaveText("The email or password is not right.");
  await signIn.submit("nobody@afterfork.test", "not the password");
  await expect(message).toHaveText("The email or password is not right.");
  await page.goto("/");
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
});

test("registration shows field errors for bad input, then creates a reader who is signed in", async ({ page }) => {
  const email = `new-${Date.now()}@example.org`;
  await page.goto("/register");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Display name").fill("New Reader");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#email-error")).toContainText("valid email");
  await expect(page.locator("#password-error")).toContainText("at least 10");
  expect(await query("SELECT 1 FROM users WHERE email = $1", ["not-an-email"])).toHaveLength(0);

  await page.getByLabel("Email").fill("reader@afterfork.test");
  await page.getByLabel("Display name").fill("Copycat");
  await page.getByLabel("Password").fill("long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#email-error")).toContainText("already exists");

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Display name").fill("New Reader");
  await page.getByLabel("Password").fill("long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText("New Reader (reader)");
  const rows = await query<{ role: string }>("SELECT role FROM users WHERE email = $1", [email]);
  expect(rows).toEqual([{ role: "reader" }]);
});

test("signing in from a function page lands back on it; sign-in follows only this site's paths", async ({ page }) => {
  await page.goto("/functions/mount");
  await page.getByRole("banner").getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Ffunctions%2Fmount$/);
  await new SignInPage(page).submit("reader@afterfork.test", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/functions\/mount$/);
  await expect(page.getByTestId("signed-in-as")).toHaveText("Reader (reader)");
  await signOut(page);

  // "Sign in to comment" returns to the discussion's page too.
  await page.goto("/functions/mount");
  await page.locator("#discussion").getByRole("link", { name: "Sign in" }).click();
  await new SignInPage(page).submit("reader@afterfork.test", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/functions\/mount$/);
  await expect(page.getByRole("form", { name: "Add a comment" })).toBeVisible();
  await signOut(page);

  await page.goto("/signin?callbackUrl=https%3A%2F%2Fevil.example%2Fsteal");
  await new SignInPage(page).submit("reader@afterfork.test", DEMO_PASSWORD);
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(test.info().project.use.baseURL!).origin);
  expect(new URL(page.url()).pathname).toBe("/");
});
