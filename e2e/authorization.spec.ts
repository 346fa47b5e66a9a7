import { expect, test } from "@playwright/test";
import { SignInPage, signOut } from "./pages/sign-in-page";
import { query } from "./db";

test("a reader gets 403 from the admin page", async ({ page }) => {
  await new SignInPage(page).signIn("reader@afterfork.test");
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toBeVisible();
});

test("signed out, the admin page asks for sign-in (401)", async ({ page }) => {
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(401);
});

test("the server refuses an admin action posted with a reader's session", async ({ page, context }) => {
  // An admin's form, submitted after the session became a reader's: only the
  // server's check stands between the reader and the change.
  await new SignInPage(page).signIn("admin@afterfork.test");
  await page.goto("/admin/users");
  const row = page.getByTestId("user-maintainer3@afterfork.test");
  await row.getByRole("combobox", { name: "Role of maintainer3@afterfork.test" }).selectOption("admin");

  const other = await context.newPage();
  await other.goto("/");
  await signOut(other);
  await new SignInPage(other).signIn("reader@afterfork.test");
  await other.close();

  const auditBefore = await query("SELECT id FROM audit_events");
  await row.getByRole("button", { name: "Set role" }).click();
  await expect(row.getByRole("alert")).toHaveText("You are not allowed to do that.");
  expect(await query("SELECT role FROM users WHERE email = 'maintainer3@afterfork.test'")).toEqual([
    { role: "maintainer" },
  ]);
  expect(await query("SELECT id FROM audit_events")).toEqual(auditBefore);
});

test("an admin's role change is saved and audited", async ({ page }) => {
  await new SignInPage(page).signIn("admin@afterfork.test");
  await page.goto("/admin/users");
  const row = page.getByTestId("user-reader@afterfork.test");
  await row.getByRole("combobox", { name: "Role of reader@afterfork.test" }).selectOption("representative");
  await row.getByRole("button", { name: "Set role" }).click();
  await expect(row.getByRole("status")).toHaveText("Role changed.");
  expect(await query("SELECT role FROM users WHERE email = 'reader@afterfork.test'")).toEqual([
    { role: "representative" },
  ]);
  // Put it back for the other tests.
  await row.getByRole("combobox", { name: "Role of reader@afterfork.test" }).selectOption("reader");
  await row.getByRole("button", { name: "Set role" }).click();
  await expect(row.getByRole("status")).toHaveText("Role changed.");
});

test("a representative of systemd cannot change linted's needs list", async ({ page, context }) => {
  await new SignInPage(page).signIn("rep-systemd@afterfork.test");
  const direct = await page.goto("/projects/linted/edit");
  expect(direct?.status()).toBe(403);
  await page.goto("/projects/linted");
  await expect(page.getByRole("link", { name: "Edit needs list" })).toHaveCount(0);
  await signOut(page);

  // The same refusal from the server when a form reaches it anyway.
  await new SignInPage(page).signIn("admin@afterfork.test");
  await page.goto("/projects/linted/edit");
  await page.getByLabel("Edit summary").fill("should never be saved");
  const other = await context.newPage();
  await other.goto("/");
  await signOut(other);
  await new SignInPage(other).signIn("rep-systemd@afterfork.test");
  await other.close();

  const before = await query<{ n: string }>("SELECT count(*) AS n FROM revisions");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator(".notice.error")).toHaveText("You are not allowed to do that.");
  expect(await query<{ n: string }>("SELECT count(*) AS n FROM revisions")).toEqual(before);
});

test("linted's representative edits linted's needs list", async ({ page }) => {
  await new SignInPage(page).signIn("rep-linted@afterfork.test");
  await page.goto("/projects/linted");
  await page.getByRole("link", { name: "Edit needs list" }).click();
  await page.getByRole("button", { name: "Add a row" }).click();
  const last = await page.getByRole("combobox", { name: /^Function, row/ }).count();
  await page.getByLabel(`Function, row ${last}`).fill("getpid");
  await page.getByLabel(`Priority, row ${last}`).selectOption("convenient");
  await page.getByLabel(`Context, row ${last}`).fill("logging only");
  await page.getByLabel("Edit summary").fill("Add getpid for logging");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/projects\/linted$/);
  const row = page.getByTestId("needs-table").getByRole("row", { name: /getpid/ });
  await expect(row).toContainText("convenient");
  await expect(row).toContainText("logging only");
  await expect(page.getByText("Add getpid for logging")).toBeVisible();
});
