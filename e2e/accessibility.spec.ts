import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";

const PUBLIC_PAGES = [
  "/",
  "/functions",
  "/functions?as=unsafe&project=linted",
  "/functions/setgroups",
  "/functions/printf",
  "/functions/setgroups/history",
  "/functions/setgroups/review",
  "/functions/setgroups/revisions/1",
  "/projects",
  "/projects/linted",
  "/projects/linted/history",
  "/projects/linted/diff?from=1&to=2",
  "/matrix",
  "/recent",
  "/audit",
  "/export",
  "/api",
  "/signin",
  "/register",
  "/reset-password",
  "/verify-email?token=not-a-real-one",
  "/no-such-page",
];

const SIGNED_IN_PAGES = [
  "/functions/setgroups/edit",
  "/projects/linted/edit",
  "/review",
  "/watchlist",
  "/admin",
  "/admin/users",
  "/admin/projects",
  "/admin/imports",
  "/admin/settings",
  "/admin/backup",
  "/settings/tokens",
  "/settings/account",
];

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(", ")}`,
    );
}

test("no serious or critical axe violations, signed out", async ({ page }) => {
  test.setTimeout(120_000);
  for (const path of PUBLIC_PAGES) {
    await page.goto(path);
    expect(await seriousViolations(page), path).toEqual([]);
  }
});

test("no serious or critical axe violations, signed in as admin", async ({ page }) => {
  test.setTimeout(120_000);
  await new SignInPage(page).signIn("admin@afterfork.test");
  for (const path of [...SIGNED_IN_PAGES, "/functions/setgroups", "/projects/linted"]) {
    await page.goto(path);
    expect(await seriousViolations(page), path).toEqual([]);
  }
});

test("the main actions are reachable by keyboard", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  // Sign in with the keyboard alone.
  await page.goto("/signin");
  await page.getByLabel("Email").focus();
  await page.keyboard.type("maintainer1@afterfork.test");
  await page.keyboard.press("Tab");
  await page.keyboard.type("afterfork-demo");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  // Filter the catalog with the keyboard.
  await page.goto("/functions");
  await page.getByLabel("Name").focus();
  await page.keyboard.type("setgroups");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/q=setgroups/);
  // Vote with the keyboard.
  await page.goto("/functions/umount2/review");
  await page.getByRole("radio", { name: /^\+1 / }).focus();
  await page.keyboard.press("Space");
  await page.getByRole("button", { name: "Cast vote" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("form", { name: "Vote" }).locator('[role="status"]')).toContainText("recorded");
});
