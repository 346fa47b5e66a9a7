import { expect, test } from "@playwright/test";

test("setgroups shows the thread's estimate: complex, AS-unsafe", async ({ page }) => {
  await page.goto("/functions/setgroups");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("setgroups");
  await expect(page.getByTestId("implementation-kind")).toHaveText("complex");
  await expect(page.getByTestId("as-safety-estimate")).toHaveText("AS-unsafe");
});

test("printf shows the glibc manual's annotation", async ({ page }) => {
  await page.goto("/functions/printf");
  await expect(page.getByTestId("glibc-safety")).toHaveText(
    "MT-Safe locale | AS-Unsafe corrupt heap | AC-Unsafe mem lock corrupt",
  );
  await expect(page.getByTestId("posix-status")).toHaveText("Not in the POSIX async-signal-safe list.");
});

test("the catalog holds over 1,900 functions and pages through them", async ({ page }) => {
  await page.goto("/functions");
  const count = Number((await page.getByTestId("catalog-count").innerText()).split(" ")[0]!.replace(/,/g, ""));
  expect(count).toBeGreaterThan(1900);
  await expect(page.getByRole("table", { name: "Functions" }).getByRole("row")).toHaveCount(51);
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByTestId("catalog-count")).toContainText("page 2 of");
});

test("an unknown function is a 404 page", async ({ page }) => {
  const response = await page.goto("/functions/no_such_function_here");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});
