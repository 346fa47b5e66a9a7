import { expect, test } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";

test("filter the catalog to AS-Unsafe in glibc and needed by linted, and get setgroups", async ({ page }) => {
  await page.goto("/functions");
  await page.getByLabel("glibc AS-safety").selectOption("unsafe");
  await page.getByLabel("Needed by").selectOption("linted");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/as=unsafe/);
  await expect(page).toHaveURL(/project=linted/);
  const table = page.getByRole("table", { name: "Functions" });
  await expect(table.getByRole("link", { name: "setgroups", exact: true })).toBeVisible();
  await expect(table.getByRole("link", { name: "mount", exact: true })).toHaveCount(0);
  // The options show how many functions each would give with the other filters.
  await expect(page.getByLabel("glibc AS-safety").locator("option[value=unsafe]")).toHaveText(/AS-Unsafe \(\d+\)/);
});

test("a shared filtered URL gives the same view in another browser", async ({ page, browser }) => {
  await page.goto("/functions");
  await page.getByLabel("POSIX async-signal-safe").selectOption("listed");
  await page.getByLabel("Name").fill("sig");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("catalog-count")).toBeVisible();
  const url = page.url();
  const names = await page.getByRole("table", { name: "Functions" }).locator("tbody tr td:first-child").allInnerTexts();
  expect(names.length).toBeGreaterThan(3);
  const other = await (await browser.newContext()).newPage();
  await other.goto(url);
  await expect(other.getByLabel("POSIX async-signal-safe")).toHaveValue("listed");
  await expect(other.getByLabel("Name")).toHaveValue("sig");
  expect(
    await other.getByRole("table", { name: "Functions" }).locator("tbody tr td:first-child").allInnerTexts(),
  ).toEqual(names);
  expect(names[0]!.startsWith("sig")).toBe(true);
});

test("printf's keywords are explained on hover and on keyboard focus", async ({ page }) => {
  await page.goto("/functions/printf");
  const heap = page.locator('[data-keyword="heap"]');
  await heap.hover();
  const heapTip = page.locator(`[id="${await heap.getAttribute("aria-describedby")}"]`);
  await expect(heapTip).toBeVisible();
  await expect(heapTip).toContainText(/malloc/);
  const locale = page.locator('[data-keyword="locale"]');
  await locale.focus();
  const localeTip = page.locator(`[id="${await locale.getAttribute("aria-describedby")}"]`);
  await expect(localeTip).toBeVisible();
  await expect(localeTip).toContainText(/locale/);
  await locale.blur();
  await page.mouse.move(0, 0);
  await expect(localeTip).toBeHidden();
  await page.getByText("What the keywords mean").click();
  await expect(page.getByTestId("safety-legend")).toContainText("corrupt");
});

test("a function listed by POSIX says since when, with links to the sources", async ({ page }) => {
  await page.goto("/functions/write");
  await expect(page.getByTestId("posix-status")).toHaveText("Listed as async-signal-safe since POSIX.1-2001.");
  await expect(page.getByRole("link", { name: "signal-safety(7)" })).toHaveAttribute("href", /signal-safety\.7/);
  await expect(page.getByRole("link", { name: /manual\/llio\.texi line \d+/ })).toHaveAttribute(
    "href",
    /04e750e75b73957cf1c791535a3f4319534a52fc/,
  );
});

test("an admin imports reference files from the browser; a malformed file is refused with file:line", async ({
  page,
}) => {
  await new SignInPage(page).signIn("admin@afterfork.test");
  await page.goto("/admin/imports");
  await page.getByLabel("What to import").selectOption("glibc-manual");
  await page.getByLabel("Source (commit or release)").fill("fixture manual");
  await page
    .getByLabel("Files")
    .setInputFiles(["tests/fixtures/manual/macros.texi", "tests/fixtures/manual-malformed/unknown-note.texi"]);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-progress")).toContainText(/unknown-note\.texi:\d+: .*nothing was imported/);
  // Re-importing the same facts from another source adds history nowhere and removes nothing.
  await page.getByLabel("Source (commit or release)").fill("same facts, re-imported");
  await page.getByLabel("Files").setInputFiles(["data/reference/glibc-manual-safety.tsv"]);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-progress")).toContainText(
    "1911 functions; 0 added, 0 changed, 0 removed, 1911 unchanged.",
  );
  await expect(page.getByRole("table", { name: "Past imports" })).toContainText("same facts, re-imported");
});

test("a reader cannot run an import (server refuses)", async ({ page }) => {
  await new SignInPage(page).signIn("reader@afterfork.test");
  expect((await page.goto("/admin/imports"))?.status()).toBe(403);
  const response = await page.request.post("/admin/imports/run", {
    headers: { origin: new URL(page.url()).origin },
    multipart: {
      kind: "posix-list",
      source: "x",
      files: { name: "signal-safety.7", mimeType: "text/plain", buffer: Buffer.from(".TH x") },
    },
  });
  expect(response.status()).toBe(403);
});
