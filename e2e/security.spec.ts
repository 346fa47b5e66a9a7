import { expect, test, type Page } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";
import { ProposalEditorPage } from "./pages/proposal-editor-page";
import { NeedsEditorPage } from "./pages/needs-editor-page";

// Payloads from the OWASP XSS filter-evasion cheat sheet; each, if it ran,
// would open a dialog or set window.__xss.
const PAYLOADS = [
  `<script>window.__xss=1</script>`,
  `<img src=x onerror=alert(1)>`,
  `<IMG SRC="javascript:alert('XSS');">`,
  `<svg/onload=alert(2)>`,
  `<body onload=alert(3)>`,
  `<iframe src="javascript:alert(4)"></iframe>`,
  `"><script>alert(5)</script>`,
  `[link](javascript:alert(6))`,
  `[link2](JaVaScRiPt:alert(7))`,
  `<a href="jav&#x09;ascript:alert(8)">x</a>`,
  `<div style="background:url(javascript:alert(9))">`,
  `\`<details open ontoggle=alert(10)>\``,
  `![img](x" onerror="alert(11))`,
  `<math><mtext><table><mglyph><style><img src=x onerror=alert(12)>`,
];
const BLOB = PAYLOADS.join("\n\n");

function watchForScripts(page: Page): { fired: string[] } {
  const fired: string[] = [];
  page.on("dialog", async (dialog) => {
    fired.push(dialog.message());
    await dialog.dismiss();
  });
  return { fired };
}

async function assertInert(page: Page, fired: string[]) {
  await page.waitForLoadState("networkidle");
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(fired).toEqual([]);
}

test("security headers and session cookie flags", async ({ page }) => {
  const response = await page.goto("/");
  const headers = response!.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp.split(";").find((d) => d.trim().startsWith("script-src"))).not.toContain("unsafe-inline");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  await new SignInPage(page).signIn("reader@afterfork.test");
  const session = (await page.context().cookies()).find((c) => c.name.includes("next-auth.session-token"));
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
});

test("XSS payloads in proposal text, summaries and comments run nothing", async ({ page }) => {
  const { fired } = watchForScripts(page);
  await new SignInPage(page).signIn("maintainer2@afterfork.test");
  const editor = new ProposalEditorPage(page);
  await editor.open("sigprocmask");
  await editor.text().fill(BLOB);
  await page.getByLabel("Requested guarantee").fill(`Safe ${PAYLOADS[1]}`);
  await page.getByLabel("Implementation note").fill(PAYLOADS[2]!);
  await page.getByRole("button", { name: "Preview" }).click();
  await page.getByRole("button", { name: "Show changes" }).click();
  await editor.save(PAYLOADS[0]!);
  await expect(page).toHaveURL(/\/functions\/sigprocmask$/);
  await page.getByRole("textbox", { name: /Add a comment/ }).fill(BLOB);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByTestId("comments")).toBeVisible();
  await assertInert(page, fired);
  for (const path of [
    "/functions/sigprocmask",
    "/functions/sigprocmask/history",
    "/functions/sigprocmask/revisions/1",
    "/functions/sigprocmask/review",
    "/recent",
    "/functions?q=sigprocmask",
  ]) {
    await page.goto(path);
    await assertInert(page, fired);
  }
});

test("XSS payloads in needs rationale, project description and display names run nothing", async ({
  page,
  browser,
}) => {
  const { fired } = watchForScripts(page);
  await new SignInPage(page).signIn("rep-linted@afterfork.test");
  const editor = new NeedsEditorPage(page);
  await editor.open("linted");
  await page.getByLabel("Rationale, row 1", { exact: true }).fill(PAYLOADS.slice(0, 5).join(" "));
  await page.getByLabel("Context, row 1", { exact: true }).fill(PAYLOADS[6]!);
  await editor.save(PAYLOADS[4]!);
  await expect(page).toHaveURL(/\/projects\/linted$/);
  await assertInert(page, fired);
  for (const path of ["/projects/linted", "/projects/linted/history", "/matrix", "/recent"]) {
    await page.goto(path);
    await assertInert(page, fired);
  }

  const admin = await (await browser.newContext()).newPage();
  const adminWatch = watchForScripts(admin);
  await new SignInPage(admin).signIn("admin@afterfork.test");
  await admin.goto("/admin/projects");
  const form = admin.getByRole("form", { name: "New project" });
  await form.getByLabel("Slug").fill("xss-test");
  await form.getByLabel("Name").fill(`X ${PAYLOADS[1]}`);
  await form.getByLabel("Description").fill(BLOB);
  await form.getByLabel("Caveats shown beside its needs data").fill(PAYLOADS[3]!);
  await form.getByRole("button", { name: "Create project" }).click();
  await expect(form.locator(".notice.ok")).toContainText("created");
  for (const path of ["/projects", "/projects/xss-test", "/matrix", "/admin/projects"]) {
    await admin.goto(path);
    await assertInert(admin, adminWatch.fired);
  }

  const fresh = await (await browser.newContext()).newPage();
  const freshWatch = watchForScripts(fresh);
  await fresh.goto("/register");
  await fresh.getByLabel("Email").fill(`xss-${Date.now()}@example.org`);
  await fresh.getByLabel("Display name").fill(`<img src=x onerror=alert(13)>`);
  await fresh.getByLabel("Password").fill("long enough password");
  await fresh.getByRole("button", { name: "Create account" }).click();
  await expect(fresh.getByTestId("signed-in-as")).toContainText("<img src=x onerror=alert(13)>");
  await fresh.goto("/functions/sigprocmask");
  await fresh.getByRole("textbox", { name: /Add a comment/ }).fill("hello");
  await fresh.getByRole("button", { name: "Post comment" }).click();
  await expect(fresh.getByTestId("comments")).toContainText("hello");
  for (const path of ["/functions/sigprocmask", "/recent"]) {
    await fresh.goto(path);
    await assertInert(fresh, freshWatch.fired);
  }
  await admin.goto("/admin/users");
  await assertInert(admin, adminWatch.fired);
});

test("a cross-site form post is refused", async ({ request }) => {
  const response = await request.post("/admin/imports/run", {
    headers: { origin: "https://evil.example" },
    multipart: { kind: "posix-list", source: "x" },
  });
  expect(response.status()).toBe(403);
});
