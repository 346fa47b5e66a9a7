import { expect, test } from "@playwright/test";
import { ProposalEditorPage } from "./pages/proposal-editor-page";
import { SignInPage } from "./pages/sign-in-page";

const nonceOf = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

test("a signed-out reader is served from the page cache and sees an edit as soon as it is saved", async ({
  browser,
}) => {
  const reader = await (await browser.newContext()).newPage();
  await reader.goto("/functions/chdir");
  const second = await reader.reload();
  expect(second?.headers()["x-afterfork-cache"]).toBe("hit");

  const maintainer = await (await browser.newContext()).newPage();
  await new SignInPage(maintainer).signIn("maintainer1@afterfork.test");
  // Signed-in pages are rendered for their user, never taken from the cache.
  const signedIn = await maintainer.goto("/functions/chdir");
  expect(signedIn?.headers()["x-afterfork-cache"]).toBeUndefined();
  const editor = new ProposalEditorPage(maintainer);
  await editor.open("chdir");
  await editor.text().fill("chdir is a plain system call: cache test wording.");
  await editor.save("Cache test wording");
  await expect(maintainer).toHaveURL(/\/functions\/chdir$/);

  const afterEdit = await reader.reload();
  expect(afterEdit?.headers()["x-afterfork-cache"]).toBe("miss");
  await expect(reader.getByText("chdir is a plain system call: cache test wording.")).toBeVisible();
  expect((await reader.reload())?.headers()["x-afterfork-cache"]).toBe("hit");
  await expect(reader.getByText("chdir is a plain system call: cache test wording.")).toBeVisible();
});

test("a page from the cache runs its scripts under a fresh nonce", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const reader = await context.newPage();
  const violations: string[] = [];
  reader.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const first = await reader.goto("/export");
  const cached = await reader.reload();
  expect(cached?.headers()["x-afterfork-cache"]).toBe("hit");
  const nonce = nonceOf(cached?.headers()["content-security-policy"]);
  expect(nonce).toBeTruthy();
  expect(nonce).not.toBe(nonceOf(first?.headers()["content-security-policy"]));
  // Every script carries the response's own nonce (the DOM hides nonce attributes, the property keeps it).
  const scriptNonces = await reader
    .locator("script")
    .evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
  // The page is interactive, so React hydrated: its scripts were allowed to run.
  await reader.getByRole("button", { name: "Copy to clipboard" }).click();
  await expect(reader.getByTestId("copy-status")).toHaveText("Copied.");
  expect(violations).toEqual([]);
});
