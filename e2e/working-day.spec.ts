import { expect, test, type Page } from "@playwright/test";
import { ProposalEditorPage } from "./pages/proposal-editor-page";
import { SignInPage } from "./pages/sign-in-page";

const PHONE = { width: 390, height: 844 };

const PHONE_PAGES = [
  "/",
  "/functions",
  "/functions/setgroups",
  "/functions/setgroups/history",
  "/functions/setgroups/revisions/1",
  "/functions/setgroups/diff",
  "/functions/setgroups/review",
  "/matrix",
  "/projects",
  "/projects/linted",
  "/recent",
  "/audit",
  "/export",
  "/review",
  "/watchlist",
];

/** The elements whose right edge lies beyond the viewport, to say what forces a page wider than the screen. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate((width) => {
    const wide = [...document.querySelectorAll("body *")].filter(
      (el) => el.getBoundingClientRect().right > width + 0.5,
    );
    const parents = new Set<Element | null>(wide.map((el) => el.parentElement));
    return wide
      .filter((el) => !parents.has(el))
      .slice(0, 8)
      .map((el) => {
        const cls = typeof el.className === "string" && el.className ? `.${el.className.split(" ").join(".")}` : "";
        const up = el.parentElement?.closest("[class]")?.className ?? "";
        return `${el.tagName.toLowerCase()}${cls} in .${String(up)} right=${Math.round(el.getBoundingClientRect().right)}`;
      });
  }, PHONE.width);
}

test.describe("on a phone", () => {
  test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

  test("on a 390-pixel-wide phone no page is wider than the screen", async ({ page }) => {
    await new SignInPage(page).signIn("maintainer1@afterfork.test");
    const widths: Record<string, number> = {};
    const culprits: Record<string, string[]> = {};
    for (const path of PHONE_PAGES) {
      await page.goto(path);
      widths[path] = await page.evaluate(() => document.documentElement.scrollWidth);
      if (widths[path]! > PHONE.width) culprits[path] = await overflowing(page);
    }
    console.log(JSON.stringify({ widths, culprits }, null, 1));
    expect(culprits).toEqual({});
    // The matrix is wider than the screen: it scrolls inside its own box.
    await page.goto("/matrix");
    const box = page.locator(".matrix-wrap");
    expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  });
});

test("'/' focuses the Go to function box; Enter on a catalog name opens its page, else the filtered catalog", async ({
  page,
}) => {
  await page.goto("/matrix");
  const box = page.getByRole("combobox", { name: "Go to function" });
  // The shortcut works once the page is hydrated, which on a busy machine can come after the load event.
  await expect(async () => {
    await page.keyboard.press("/");
    await expect(box).toBeFocused({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  // Completion from the catalog, loaded on focus.
  await expect(page.locator('#function-names option[value="setgroups"]')).toHaveCount(1);
  await page.keyboard.type("setgroups");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/functions\/setgroups$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("setgroups");

  // Typed into a field, "/" is a character, not a shortcut.
  await page.goto("/functions");
  await page.getByLabel("Name").fill("a");
  await page.getByLabel("Name").press("/");
  await expect(page.getByLabel("Name")).toHaveValue("a/");
  await expect(box).not.toBeFocused();

  await box.fill("setgr");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/functions\?q=setgr$/);
  await expect(page.getByRole("table", { name: "Functions" }).getByRole("link", { name: "setgroups" })).toBeVisible();
});

test("a catalog search that matches nothing says so instead of showing an empty table", async ({ page }) => {
  await page.goto("/functions");
  await page.getByRole("combobox", { name: "Go to function" }).fill("no_such_function_zz");
  await page.getByRole("combobox", { name: "Go to function" }).press("Enter");
  await expect(page).toHaveURL(/q=no_such_function_zz/);
  await expect(page.getByTestId("catalog-empty")).toHaveText("No function matches these filters.");
  await expect(page.getByRole("table", { name: "Functions" })).toHaveCount(0);
});

test("the header counts watched pages that another user changed since the watcher last looked", async ({
  page,
  browser,
}) => {
  await new SignInPage(page).signIn("maintainer2@afterfork.test");
  await page.goto("/functions/unshare");
  const watch = page.getByRole("button", { name: "Watch", exact: true });
  if (await watch.isVisible()) await watch.click();
  await expect(page.getByRole("button", { name: "Unwatch" })).toBeVisible();
  const watchlist = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /Watchlist/ });
  const badge = watchlist.getByTestId("watch-changes");
  const count = async () => ((await badge.count()) ? parseInt(await badge.innerText(), 10) : 0);
  await page.goto("/");
  const before = await count();

  const other = await (await browser.newContext()).newPage();
  await new SignInPage(other).signIn("maintainer1@afterfork.test");
  const editor = new ProposalEditorPage(other);
  await editor.open("unshare");
  await editor.text().fill(`${await editor.text().inputValue()}\n\nAlso checked on the header count.`);
  await editor.save("A change for maintainer2's header");
  await expect(other).toHaveURL(/\/functions\/unshare$/);

  // Following a link inside the site (the header stays, Next renders only the new page) brings the new count.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Recent changes" }).click();
  await expect(page).toHaveURL(/\/recent$/);
  await expect(badge).toHaveText(new RegExp(`^${before + 1} changed since you last looked$`));
  await expect(watchlist).toHaveAttribute("href", "/watchlist");
  // Looking at the page (it marks itself seen once loaded) takes it off the count, without another load.
  await page.goto("/functions/unshare");
  await expect(page.getByRole("button", { name: "Unwatch" })).toBeVisible();
  await expect.poll(count).toBe(before);
  // And a full load agrees.
  await page.goto("/");
  expect(await count()).toBe(before);
});
