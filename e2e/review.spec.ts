import { expect, test, type Browser, type Page } from "@playwright/test";
import { query } from "./db";
import { ProposalEditorPage } from "./pages/proposal-editor-page";
import { ReviewPage } from "./pages/review-page";
import { SignInPage, signOut } from "./pages/sign-in-page";

async function as(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await new SignInPage(page).signIn(email);
  return page;
}

test("the whole review flow: propose, vote, agree, pending changes, stale votes, veto", async ({ browser }) => {
  test.setTimeout(90_000);
  // A representative proposes wording.
  const rep = await as(browser, "rep-linted@afterfork.test");
  const editor = new ProposalEditorPage(rep);
  await editor.open("getpriority");
  await editor.text().fill("linted calls `getpriority` in the child to read the sandbox's nice value.");
  await rep.getByLabel("Implementation kind").selectOption("syscall stub");
  await rep.getByLabel("AS-safety estimate").selectOption("AS-safe");
  await editor.save("Propose getpriority");
  await expect(rep).toHaveURL(/\/functions\/getpriority$/);

  // maintainer1 +1, maintainer2 +2: the rule is met.
  const m1 = await as(browser, "maintainer1@afterfork.test");
  const review1 = new ReviewPage(m1);
  await review1.open("getpriority");
  await expect(review1.ruleState()).toHaveText("Needs 2 more maintainers at +1 or more; needs one more +2; no veto.");
  await review1.vote("+1", "Looks like a plain system call.");
  const m2 = await as(browser, "maintainer2@afterfork.test");
  const review2 = new ReviewPage(m2);
  await review2.open("getpriority");
  await review2.vote("+2");
  await expect(review2.ruleState()).toHaveText("Rule met: ready to record agreement; no veto.");

  // maintainer1 records agreement.
  await review1.open("getpriority");
  await review1.recordButton().click();
  await expect(m1.getByRole("form", { name: "Record agreement" })).toHaveCount(0);
  await expect(m1.getByTestId("decisions")).toContainText("agreed at revision 1 by Maintainer One");

  // A reader sees the agreed revision.
  const reader = await as(browser, "reader@afterfork.test");
  await reader.goto("/functions/getpriority");
  await expect(reader.getByTestId("agreed-banner")).toHaveText("Agreed at revision 1.");
  await expect(reader.getByText("agreed", { exact: true })).toBeVisible();

  // A new edit is pending: readers keep the agreed text, the review shows the diff since agreement, old votes are stale.
  await editor.open("getpriority");
  await editor.replaceInText("nice value.", "nice value before exec.");
  await editor.save("Say when");
  await expect(rep).toHaveURL(/\/functions\/getpriority$/);
  await reader.goto("/functions/getpriority");
  await expect(reader.getByTestId("pending-banner")).toContainText(
    "This is the agreed revision 1; revision 2 has changes not yet reviewed.",
  );
  await expect(reader.getByText("read the sandbox's nice value.", { exact: false })).toBeVisible();
  await expect(reader.getByText("before exec")).toHaveCount(0);
  await reader.getByRole("link", { name: "Show the pending revision" }).click();
  await expect(reader.getByText("nice value before exec.")).toBeVisible();
  await review1.open("getpriority");
  await expect(m1.getByText("Changes since the agreed revision 1")).toBeVisible();
  await expect(m1.getByTestId("text-diff").locator("ins", { hasText: "before" })).toBeVisible();
  await expect(m1.locator('[data-stale="true"]')).toHaveCount(2);

  // maintainer3's −2 blocks recording even with +1 and +2.
  await review1.vote("+1");
  await review2.open("getpriority");
  await review2.vote("+2");
  const m3 = await as(browser, "maintainer3@afterfork.test");
  const review3 = new ReviewPage(m3);
  await review3.open("getpriority");
  await review3.vote("−2", "Not before we check the vDSO path.");
  await expect(review3.ruleState()).toHaveText("Vetoed by a −2.");
  await expect(review3.recordButton()).toBeDisabled();
  const agreed = await query<{ n: string }>(
    "SELECT count(*) AS n FROM decisions d JOIN pages p ON p.id = d.page_id JOIN functions f ON f.id = p.function_id WHERE f.name = 'getpriority' AND d.kind = 'agreed'",
  );
  expect(agreed).toEqual([{ n: "1" }]);

  // The dashboard lists it as vetoed.
  await m1.goto("/review");
  await expect(m1.getByTestId("vetoed")).toContainText("getpriority");
});

test("the server refuses votes from a reader and a representative, and the review dashboard from readers", async ({
  browser,
}) => {
  const page = await as(browser, "maintainer1@afterfork.test");
  await page.goto("/functions/mount/review");
  const voteForm = page.getByRole("form", { name: "Vote" });
  await voteForm.getByRole("radio", { name: /^\+2 / }).check();
  const before = await query("SELECT id, value FROM votes ORDER BY id");
  for (const email of ["reader@afterfork.test", "rep-linted@afterfork.test"]) {
    const other = await page.context().newPage();
    await other.goto("/");
    await signOut(other);
    await new SignInPage(other).signIn(email);
    await other.close();
    await voteForm.getByRole("button", { name: "Cast vote" }).click();
    await expect(voteForm.getByRole("alert")).toHaveText("You are not allowed to do that.");
  }
  expect(await query("SELECT id, value FROM votes ORDER BY id")).toEqual(before);
  expect((await page.goto("/review"))?.status()).toBe(403);
});
