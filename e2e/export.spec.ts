import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ExportPage } from "./pages/export-page";
import { ProposalEditorPage } from "./pages/proposal-editor-page";
import { ReviewPage } from "./pages/review-page";
import { SignInPage } from "./pages/sign-in-page";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact})`);
}

async function as(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await new SignInPage(page).signIn(email);
  return page;
}

test("an agreed function is exported with its permalink; a later unreviewed edit changes nothing", async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(90_000);
  // maintainer1 proposes sigaction; maintainer1 +1 and maintainer2 +2; maintainer1 records agreement.
  const m1 = await as(browser, "maintainer1@afterfork.test");
  const editor = new ProposalEditorPage(m1);
  await editor.open("sigaction");
  await m1
    .getByLabel("Requested guarantee")
    .fill(
      "Safe to call in the child after fork() in a multithreaded program, to reset signal dispositions before exec.",
    );
  await m1.getByLabel("Implementation kind").selectOption("syscall stub");
  await m1.getByLabel("AS-safety estimate").selectOption("AS-safe");
  await editor.text().fill("Children reset their signal handlers with `sigaction` before exec.");
  await editor.save("Propose sigaction");
  await expect(m1).toHaveURL(/\/functions\/sigaction$/);

  const review1 = new ReviewPage(m1);
  await review1.open("sigaction");
  await review1.vote("+1");
  const m2 = await as(browser, "maintainer2@afterfork.test");
  const review2 = new ReviewPage(m2);
  await review2.open("sigaction");
  await review2.vote("+2");
  await review1.open("sigaction");
  await review1.recordButton().click();
  await expect(m1.getByTestId("decisions")).toContainText("agreed at revision 1 by Maintainer One");

  // Anyone finds the export in the header; the preview lists sigaction as agreed, with its permalink.
  const readerContext = await browser.newContext();
  await readerContext.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const reader = await readerContext.newPage();
  await reader.goto("/");
  await reader.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Export" }).click();
  const exportPage = new ExportPage(reader);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText("Export for libc-help");
  const agreed = await exportPage.section("Agreed");
  expect(agreed).toContain("### `sigaction`");
  expect(agreed).toContain(
    "- Guarantee: Safe to call in the child after fork() in a multithreaded\n  program, to reset signal dispositions before exec.",
  );
  expect(agreed).toContain("- Maintainers' estimate: syscall stub; AS-safe");
  expect(agreed).toContain(`${baseURL}/functions/sigaction/revisions/1`);
  // One click copies the post.
  await reader.getByRole("button", { name: "Copy to clipboard" }).click();
  await expect(reader.getByTestId("copy-status")).toHaveText("Copied.");
  expect(await reader.evaluate(() => navigator.clipboard.readText())).toBe(await exportPage.preview().textContent());
  // The permalink leads to the agreed revision.
  await reader.goto(`${baseURL}/functions/sigaction/revisions/1`);
  await expect(reader.getByText("to reset signal dispositions before exec.").first()).toBeVisible();

  // The file has the same text as the preview.
  const before = await request.get("/export.md");
  expect(before.status()).toBe(200);
  expect(before.headers()["content-type"]).toBe("text/markdown; charset=utf-8");
  const beforeText = await before.text();
  await exportPage.open();
  expect(await exportPage.preview().textContent()).toBe(beforeText);

  // An unreviewed edit: the export does not change, and the new wording appears nowhere in it.
  await editor.open("sigaction");
  await m1.getByLabel("Requested guarantee").fill("UNREVIEWED wording that nobody agreed to.");
  await m1.getByLabel("AS-safety estimate").selectOption("AS-unsafe");
  await editor.save("Unreviewed change");
  await expect(m1).toHaveURL(/\/functions\/sigaction$/);
  await expect(m1.getByTestId("pending-banner")).toBeVisible();
  const afterText = await (await request.get("/export.md")).text();
  expect(afterText).toBe(beforeText);
  // Asked for, the pending change shows under review only, marked as not agreed.
  const underReview = await (await request.get("/export.md?underReview=1")).text();
  const reviewStart = underReview.indexOf("\n## Under review: NOT agreed");
  expect(underReview.slice(0, reviewStart)).not.toContain("UNREVIEWED");
  expect(underReview.slice(reviewStart)).toContain("### `sigaction` (changes to the agreed revision 1, NOT agreed)");

  // Options travel from the form to the preview and to the download link.
  await exportPage.open();
  await reader.getByLabel("Include proposals under review (marked as NOT agreed)").check();
  await reader.getByRole("combobox", { name: "Group" }).selectOption("project");
  await reader.getByRole("textbox", { name: "Introduction" }).fill("Hello libc-help, here is where we stand.");
  await reader.getByRole("button", { name: "Update preview" }).click();
  await expect(reader).toHaveURL(/underReview=1/);
  await expect(exportPage.preview()).toContainText("Hello libc-help, here is where we stand.");
  await expect(exportPage.preview()).toContainText("## Under review: NOT agreed");
  const download = reader.getByRole("link", { name: "Download .md" });
  const href = (await download.getAttribute("href"))!;
  expect(href).toContain("group=project");
  expect(await (await request.get(href)).text()).toBe(await exportPage.preview().textContent());
  expect(await seriousViolations(reader)).toEqual([]);
});

test("the export refuses an over-long introduction with a clear message", async ({ page, request }) => {
  const response = await request.get(`/export.md?intro=${"x".repeat(2001)}`);
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain("Keep the introduction under 2,000 characters.");
  await page.goto(`/export?intro=${"x".repeat(2001)}`);
  await expect(page.locator(".notice.error")).toHaveText("Keep the introduction under 2,000 characters.");
  await expect(page.getByTestId("export-preview")).toHaveCount(0);
});

test("backups download for admins only", async ({ browser, request }) => {
  expect((await request.get("/admin/backup/download")).status()).toBe(401);
  const maintainer = await as(browser, "maintainer1@afterfork.test");
  const refused = await maintainer.request.get("/admin/backup/download");
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toEqual({ error: { code: "forbidden", message: "You are not allowed to do that." } });
  expect((await maintainer.goto("/admin/backup"))?.status()).toBe(403);

  const admin = await as(browser, "admin@afterfork.test");
  await admin.goto("/admin");
  await admin.getByRole("link", { name: "Backup" }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Backup");
  expect(await seriousViolations(admin)).toEqual([]);
  const [download] = await Promise.all([
    admin.waitForEvent("download"),
    admin.getByRole("link", { name: "Download backup (.json)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^afterfork-backup-.*\.json$/);
  const body = JSON.parse(await (await admin.request.get("/admin/backup/download")).text()) as {
    format: string;
    version: number;
    tables: Record<string, unknown[]>;
  };
  expect([body.format, body.version]).toEqual(["afterfork-backup", 1]);
  expect(body.tables.users!.length).toBeGreaterThanOrEqual(7);
});
