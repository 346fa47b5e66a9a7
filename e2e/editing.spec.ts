import { expect, test } from "@playwright/test";
import { query } from "./db";
import { ProposalEditorPage } from "./pages/proposal-editor-page";
import { SignInPage } from "./pages/sign-in-page";

const revisionCount = async (fn: string) =>
  Number(
    (
      await query<{ n: string }>(
        "SELECT count(*) AS n FROM revisions r JOIN pages p ON p.id = r.page_id JOIN functions f ON f.id = p.function_id WHERE f.name = $1",
        [fn],
      )
    )[0]!.n,
  );

test("edit a proposal: show changes, then save a new revision", async ({ page }) => {
  await new SignInPage(page).signIn("maintainer1@afterfork.test");
  const editor = new ProposalEditorPage(page);
  await editor.open("umount2");
  await editor.setAsSafety("unknown");
  await editor.replaceInText("linted asked", "The linted project asked");
  await page.getByRole("button", { name: "Show changes" }).click();
  const changes = page.getByTestId("show-changes");
  await expect(changes.getByTestId("fields-diff")).toContainText("AS-safety: AS-safe → unknown");
  await expect(changes.getByTestId("text-diff").locator("ins").first()).toContainText("The");
  await editor.save("AS-safety is not settled yet");
  await expect(page).toHaveURL(/\/functions\/umount2$/);
  await expect(page.getByTestId("as-safety-estimate")).toHaveText("unknown");
  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByTestId("history")).toContainText("AS-safety is not settled yet");
  await expect(page.getByTestId("revision-2")).toBeVisible();
});

test("compare two non-adjacent revisions side by side and inline, with word-level highlights", async ({ page }) => {
  await new SignInPage(page).signIn("maintainer2@afterfork.test");
  const editor = new ProposalEditorPage(page);
  for (const [from, to, summary] of [
    ["linted asked", "linted and runc asked", "runc asks too"],
    ["program.\n", "program (see the thread).\n", "point at the thread"],
  ] as const) {
    await editor.open("unshare");
    await editor.replaceInText(from, to);
    await editor.save(summary);
    await expect(page).toHaveURL(/\/functions\/unshare$/);
  }
  await page.goto("/functions/unshare/history");
  await page.getByLabel("Compare from revision 1").check();
  await page.getByLabel("Compare to revision 3").check();
  await page.getByRole("button", { name: "Compare selected revisions" }).click();
  await expect(page).toHaveURL(/\/functions\/unshare\/diff\?/);
  expect(new URL(page.url()).searchParams.get("from")).toBe("1");
  expect(new URL(page.url()).searchParams.get("to")).toBe("3");
  await expect(page.getByTestId("intermediate")).toHaveText("(1 intermediate revision by 1 user not shown)");
  const side = page.locator('[data-testid="text-diff"][data-view="side"]');
  await expect(side.locator("ins", { hasText: "and runc" })).toBeVisible();
  await expect(side.locator("td.removed").first()).toContainText("linted asked");
  await page.getByRole("link", { name: "Inline" }).click();
  const inline = page.locator('[data-testid="text-diff"][data-view="inline"]');
  await expect(inline.locator("ins", { hasText: "and runc" })).toBeVisible();
  await expect(inline.locator("ins", { hasText: "(see the thread)" })).toBeVisible();
});

test("a needs-list change shows as row changes", async ({ page }) => {
  await page.goto("/projects/linted/history");
  await page.getByTestId("revision-2").getByRole("link", { name: "prev" }).click();
  const rows = page.getByTestId("needs-diff");
  await expect(rows.locator('[data-change="added"]', { hasText: "sigtimedwait" })).toBeVisible();
  await expect(rows.locator('[data-change="added"]', { hasText: "execve" })).toBeVisible();
  await expect(rows.locator('[data-change="removed"]')).toHaveCount(0);
  await expect(rows.locator('[data-change="priority changed"]', { hasText: "pthread_sigmask" })).toContainText(
    "convenient → required",
  );
});

test("two browsers edit one page: a clean merge is saved and announced", async ({ browser }) => {
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  await new SignInPage(a).signIn("maintainer1@afterfork.test");
  await new SignInPage(b).signIn("maintainer2@afterfork.test");
  const editorA = new ProposalEditorPage(a);
  const editorB = new ProposalEditorPage(b);
  await editorA.open("mount");
  await editorB.open("mount");
  await editorA.replaceInText("linted asked", "linted (a sandbox) asked");
  await editorA.save("describe linted");
  await expect(a).toHaveURL(/\/functions\/mount$/);
  await editorB.setAsSafety("unknown");
  await editorB.save("AS-safety under discussion");
  await expect(b).toHaveURL(/\/functions\/mount\?merged=1$/);
  await expect(b.locator(".notice.ok")).toContainText("merged");
  await expect(b.getByTestId("as-safety-estimate")).toHaveText("unknown");
  await expect(b.getByText("linted (a sandbox) asked")).toBeVisible();
});

test("two browsers edit one page: a real conflict keeps the second editor's text and writes nothing", async ({
  browser,
}) => {
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  await new SignInPage(a).signIn("maintainer1@afterfork.test");
  await new SignInPage(b).signIn("maintainer3@afterfork.test");
  const editorA = new ProposalEditorPage(a);
  const editorB = new ProposalEditorPage(b);
  await editorA.open("prctl");
  await editorB.open("prctl");
  await editorA.setAsSafety("AS-unsafe");
  await editorA.save("A: AS-unsafe");
  await expect(a).toHaveURL(/\/functions\/prctl$/);
  const before = await revisionCount("prctl");
  await editorB.setAsSafety("unknown");
  await editorB.replaceInText("linted asked", "B's own words: linted asked");
  await editorB.save("B: unknown");
  const conflict = b.getByTestId("edit-conflict");
  await expect(conflict).toContainText("Edit conflict");
  await expect(conflict).toContainText("AS-safety: AS-safe → AS-unsafe");
  await expect(editorB.text()).toHaveValue(/B's own words: linted asked/);
  await expect(b.getByLabel("AS-safety estimate")).toHaveValue("unknown");
  expect(await revisionCount("prctl")).toBe(before);
  // Resolving it saves on top of the other person's revision.
  await editorB.save("B: unknown, after reading A's change");
  await expect(b).toHaveURL(/\/functions\/prctl$/);
  expect(await revisionCount("prctl")).toBe(before + 1);
});

test("restore an old revision", async ({ page }) => {
  await new SignInPage(page).signIn("maintainer1@afterfork.test");
  const editor = new ProposalEditorPage(page);
  await editor.open("setgroups");
  await editor.setAsSafety("AS-safe");
  await editor.save("wrong estimate");
  await expect(page.getByTestId("as-safety-estimate")).toHaveText("AS-safe");
  await page.goto("/functions/setgroups/revisions/1");
  await page.getByRole("button", { name: "Restore this revision" }).click();
  await expect(page).toHaveURL(/\/functions\/setgroups\/history$/);
  await expect(page.getByTestId("revision-3")).toContainText("Restored revision 1 by Afterfork seed");
  await page.goto("/functions/setgroups");
  await expect(page.getByTestId("as-safety-estimate")).toHaveText("AS-unsafe");
});

test("a comment with script payloads renders inert", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", async (dialog) => {
    dialogs++;
    await dialog.dismiss();
  });
  await page.addInitScript(() => {
    (window as unknown as { __xss: number }).__xss = 0;
  });
  await new SignInPage(page).signIn("reader@afterfork.test");
  await page.goto("/functions/syscall");
  const body =
    "Look: <img src=x onerror=alert(1)> and [click me](javascript:alert(2)) and <script>window.__xss=1</script>";
  await page.getByRole("textbox", { name: /Add a comment/ }).fill(body);
  await page.getByRole("button", { name: "Post comment" }).click();
  const comments = page.getByTestId("comments");
  await expect(comments).toContainText("Look:");
  await expect(comments.locator("img")).toHaveCount(0);
  await expect(comments.locator("script")).toHaveCount(0);
  const link = comments.getByText("click me");
  // The unsafe target is dropped, not emptied: an empty href would reload the page on click.
  expect(await link.getAttribute("href")).toBeNull();
  await link.click();
  await page.reload();
  expect(await page.evaluate(() => (window as unknown as { __xss: number }).__xss)).toBe(0);
  expect(dialogs).toBe(0);
});
