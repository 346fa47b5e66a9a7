import { expect, test, type Browser, type Page } from "@playwright/test";
import { ExportPage } from "./pages/export-page";
import { ProposalEditorPage } from "./pages/proposal-editor-page";
import { ReviewPage } from "./pages/review-page";
import { SignInPage } from "./pages/sign-in-page";

async function as(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await new SignInPage(page).signIn(email);
  return page;
}

const AGREED_TEXT = [
  "## Why it is safe",
  "",
  "NSS is never consulted: `dup2` is one system call. See [dup2(2)](https://man7.org/linux/man-pages/man2/dup2.2.html).",
  "",
  "- no lock is taken",
  "- nothing is allocated",
].join("\n");

test("an agreed function's text is in the export; a representative's later edit is pending and changes nothing agreed", async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  // A representative proposes dup2 with Markdown prose; two maintainers vote and one records agreement.
  const rep = await as(browser, "rep-linted@afterfork.test");
  const editor = new ProposalEditorPage(rep);
  await editor.open("dup2");
  await rep.getByLabel("Implementation kind").selectOption("syscall stub");
  await editor.setAsSafety("AS-safe");
  await editor.text().fill(AGREED_TEXT);
  await editor.save("Propose dup2");
  await expect(rep).toHaveURL(/\/functions\/dup2$/);

  const m1 = await as(browser, "maintainer1@afterfork.test");
  const review1 = new ReviewPage(m1);
  await review1.open("dup2");
  await review1.vote("+1");
  const m2 = await as(browser, "maintainer2@afterfork.test");
  const review2 = new ReviewPage(m2);
  await review2.open("dup2");
  await review2.vote("+2");
  await review1.open("dup2");
  await review1.recordButton().click();
  await expect(m1.getByTestId("decisions")).toContainText("agreed at revision 1 by Maintainer One");

  // The export preview carries the agreed text, as plain text that still reads as Markdown.
  const reader = await (await browser.newContext()).newPage();
  const exportPage = new ExportPage(reader);
  await exportPage.open();
  const agreed = await exportPage.section("Agreed");
  expect(agreed).toContain("### `dup2`");
  expect(agreed).toContain("The agreed text of revision 1:\n\n**Why it is safe**\n\nNSS is never consulted:");
  expect(agreed.replace(/\s+/g, " ")).toContain("dup2(2) <https://man7.org/linux/man-pages/man2/dup2.2.html>");
  expect(agreed).toContain("- no lock is taken\n- nothing is allocated");
  // notes=0 from the form leaves the text out.
  await reader.getByLabel("Leave out each function's text (only the facts and the permalink)").check();
  await reader.getByRole("button", { name: "Update preview" }).click();
  await expect(reader).toHaveURL(/notes=0/);
  await expect(exportPage.preview()).toContainText("### `dup2`");
  await expect(exportPage.preview()).not.toContainText("NSS is never consulted");
  const exported = await (await request.get("/export.md")).text();
  expect(exported).toContain("NSS is never consulted");

  // The representative edits the agreed proposal: the edit is pending, the agreement stands.
  await editor.open("dup2");
  await editor.replaceInText("NSS is never consulted", "PENDING: NSS may be consulted");
  await editor.setAsSafety("AS-unsafe");
  await editor.save("Unreviewed change");
  await expect(rep).toHaveURL(/\/functions\/dup2$/);

  await reader.goto("/functions/dup2");
  const heading = reader.getByRole("heading", { level: 1 });
  await expect(heading.getByTestId("function-status")).toHaveText("agreed · changes pending");
  await expect(reader.getByTestId("pending-banner")).toContainText(
    "This is the agreed revision 1; revision 2 has changes not yet reviewed.",
  );
  await expect(reader.getByTestId("as-safety-estimate")).toHaveText("AS-safe");
  await expect(reader.getByText("NSS is never consulted", { exact: false })).toBeVisible();
  await expect(reader.getByText("PENDING: NSS may be consulted")).toHaveCount(0);
  await expect(reader.getByTestId("agreement-history")).toContainText("Revision 1 agreed");
  await expect(reader.getByTestId("agreement-history")).toContainText("recorded by Maintainer One");
  await expect(reader.getByTestId("agreement-history")).toContainText("In force.");
  await reader.getByRole("link", { name: "the pending diff" }).click();
  await expect(reader).toHaveURL(/\/functions\/dup2\/diff\?from=1&to=2$/);
  await expect(reader.getByTestId("text-diff").locator("ins", { hasText: "PENDING" }).first()).toBeVisible();

  // The export and the agreed estimate did not move; the API keeps agreed and pending apart.
  expect(await (await request.get("/export.md")).text()).toBe(exported);
  const api = (await (await request.get("/api/v1/functions/dup2")).json()) as {
    status: string;
    changesPending: boolean;
    estimate: { asSafety: string };
    agreed: { number: number; fields: { asSafety: string } };
    pending: { number: number; fields: { asSafety: string } };
  };
  expect([api.status, api.changesPending, api.estimate.asSafety]).toEqual(["agreed", true, "AS-safe"]);
  expect([api.agreed.number, api.agreed.fields.asSafety]).toEqual([1, "AS-safe"]);
  expect([api.pending.number, api.pending.fields.asSafety]).toEqual([2, "AS-unsafe"]);
  await reader.goto("/functions?q=dup2&estimate=AS-safe");
  await expect(
    reader.getByRole("table", { name: "Functions" }).getByRole("link", { name: "dup2", exact: true }),
  ).toBeVisible();

  // Ending the agreement is not the representative's to do: the review page offers no withdrawal.
  await rep.goto("/functions/dup2/review");
  await expect(rep.getByRole("heading", { level: 1 })).toContainText("Review of dup2");
  await expect(rep.getByText("Withdraw…")).toHaveCount(0);
});
