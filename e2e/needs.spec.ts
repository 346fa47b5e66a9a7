import { expect, test } from "@playwright/test";
import { query } from "./db";
import { NeedsEditorPage } from "./pages/needs-editor-page";
import { SignInPage } from "./pages/sign-in-page";

const SEVEN = ["unshare", "mount", "syscall", "umount2", "setgroups", "cap_set_proc", "prctl"];
const EMAIL_2014 =
  "the only functions I absolutely need to be safe after a fork from a threaded program are unshare, mount, syscall (for pivot_root only), umount2, setgroups, cap_set_proc and prctl";

test("rep-linted pastes the 2014 paragraph: exactly seven rows, applied as a revision whose diff shows them added", async ({
  page,
}) => {
  await new SignInPage(page).signIn("rep-linted@afterfork.test");
  const editor = new NeedsEditorPage(page);
  // Start from a list without the seven, so that the paste adds them.
  await editor.open("linted");
  await editor.removeRowsFor(SEVEN);
  await editor.save("Start again from the email");
  await expect(page).toHaveURL(/\/projects\/linted$/);

  await editor.open("linted");
  await page.getByText("Paste from an email").click();
  await page.getByLabel("Pasted text (prose, or one name per line)").fill(EMAIL_2014);
  await page.getByLabel("Priority for these rows").selectOption("required");
  await page.getByRole("button", { name: "Preview rows" }).click();
  const preview = page.getByRole("table", { name: "Rows to add" });
  await expect(preview.locator("tbody tr")).toHaveCount(7);
  expect(await preview.locator("tbody tr td:first-child").allInnerTexts()).toEqual(SEVEN);
  await expect(preview.getByRole("row", { name: /syscall/ })).toContainText("for pivot_root only");
  await expect(page.getByTestId("paste-unknown")).toHaveCount(0);
  await page.getByRole("button", { name: "Add 7 rows to the list" }).click();
  await editor.save("Paste the 2014 email");
  await expect(page).toHaveURL(/\/projects\/linted$/);

  await page.goto("/projects/linted/history");
  const latest = page.getByTestId("history").locator("tbody tr").first();
  await latest.getByRole("link", { name: "prev" }).click();
  const added = page.getByTestId("needs-diff").locator('[data-change="added"]');
  await expect(added).toHaveCount(7);
  await expect(added.filter({ hasText: "syscall" })).toContainText("for pivot_root only");
});

test("a misspelt name gets 'did you mean setgroups?', and kept names become proposed functions", async ({ page }) => {
  await new SignInPage(page).signIn("rep-linted@afterfork.test");
  const editor = new NeedsEditorPage(page);
  await editor.open("linted");
  await page.getByRole("button", { name: "Add a row" }).click();
  const last = await editor.functionInputs().count();
  await page.getByLabel(`Function, row ${last}`).fill("setgroup");
  const before = await query<{ n: string }>("SELECT count(*) AS n FROM revisions");
  await editor.save("typo");
  await expect(page.getByTestId("name-warning")).toContainText(
    "setgroup is not in the catalog. Did you mean setgroups?",
  );
  expect(await query<{ n: string }>("SELECT count(*) AS n FROM revisions")).toEqual(before);
  // Correct it to a brand-new name and keep it.
  await page.getByLabel(`Function, row ${last}`).fill("lntd_spawn_helper");
  await editor.save("a new one");
  await page.getByLabel("Keep lntd_spawn_helper as a new function").check();
  await editor.save("keep a new function");
  await expect(page).toHaveURL(/\/projects\/linted$/);
  expect(await query("SELECT status FROM functions WHERE name = 'lntd_spawn_helper'")).toEqual([
    { status: "proposed" },
  ]);
});

test("the matrix shows the seeded lists with letters and colours; coverage bars show numbers", async ({ page }) => {
  const matrix = page.getByTestId("matrix");
  const row = (fn: string) => matrix.locator(`tr[data-function="${fn}"]`);
  await page.goto("/matrix");
  await expect(row("clone").locator('td[data-project="docker"]')).toContainText("R");
  await page.getByLabel("Name").fill("setpriority");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=setpriority/);
  await expect(row("setpriority").locator('td[data-project="linted"]')).toContainText("W");
  await expect(row("setpriority").locator('td[data-project="linted"]')).toHaveClass("cell-can-work-around");
  await page.goto("/projects/docker");
  await expect(page.getByText("single-threaded")).toBeVisible();
  const total = Number(await page.getByTestId("coverage-total").innerText());
  const expected = await query<{ n: string }>(
    "SELECT count(*) AS n FROM needs n JOIN projects p ON p.id = n.project_id WHERE p.slug = 'docker' AND n.priority = 'required'",
  );
  expect(total).toBe(Number(expected[0]!.n));
  await expect(page.getByRole("img", { name: /Docker's required functions: \d+ required functions/ })).toBeVisible();
});
