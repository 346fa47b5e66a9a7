import { expect, test } from "@playwright/test";
import { rawHeader, SmtpMailbox } from "../tests/support/smtp-mailbox";
import { query } from "./db";
import { ProposalEditorPage } from "./pages/proposal-editor-page";
import { SignInPage } from "./pages/sign-in-page";
import { startServer } from "./servers";

// Mail end to end: a second app server with SMTP_URL delivers the outbox that the site's edits write, to a
// real SMTP server started by the test; the mail's links are followed in the browser.

const FN = "notifyfn";
const A = "maintainer1@afterfork.test";
const B = "maintainer2@afterfork.test";

test.describe("mail notifications", () => {
  test.describe.configure({ timeout: 180_000 });

  test("B watches a function, A edits it, B's mail links to the diff and its unsubscribe link needs no sign-in", async ({
    browser,
  }) => {
    const mailbox = new SmtpMailbox();
    const smtpUrl = await mailbox.start(0);
    const db = process.env.DATABASE_URL!;
    const mailer = await startServer(3108, db, { SMTP_URL: smtpUrl, MAIL_FROM: "Afterfork <afterfork@example.org>" });
    try {
      // A function of its own, with its (empty) proposal page, so that no other spec's edits reach this one.
      await query("INSERT INTO functions (name) VALUES ($1) ON CONFLICT DO NOTHING", [FN]);
      await query(
        "INSERT INTO pages (kind, function_id) SELECT 'proposal', id FROM functions WHERE name = $1 ON CONFLICT DO NOTHING",
        [FN],
      );
      await query("UPDATE users SET email_verified_at = now() WHERE email = ANY($1) AND email_verified_at IS NULL", [
        [A, B],
      ]);

      const bContext = await browser.newContext();
      const b = await bContext.newPage();
      await new SignInPage(b).signIn(B);
      await b.goto(`/functions/${FN}`);
      await b.getByRole("button", { name: "Watch", exact: true }).click();
      await expect(b.getByRole("button", { name: "Unwatch", exact: true })).toBeVisible();

      const aContext = await browser.newContext();
      const a = await aContext.newPage();
      await new SignInPage(a).signIn(A);
      const editor = new ProposalEditorPage(a);
      await editor.open(FN);
      await editor.text().fill("Only a system call.\n\nNothing else runs in the child.");
      await editor.setAsSafety("AS-safe");
      await editor.save("first proposal for the mail test");
      await expect(a).toHaveURL(new RegExp(`/functions/${FN}(\\?|$)`));

      const mail = await mailbox.waitFor((m) => m.envelopeTo.includes(B) && (m.subject ?? "").includes(FN), 60_000);
      expect(mail.subject).toBe(`[Afterfork] ${FN} awaits your vote: revision 1 by Maintainer One`);
      expect(mailbox.to(A).filter((m) => (m.subject ?? "").includes(FN))).toEqual([]);
      expect(mail.text).toContain("Summary: first proposal for the mail test");
      expect(mail.text).toContain("+ Only a system call.");

      // The link opens the diff.
      const link = /Open it: (\S+)/.exec(mail.text ?? "")![1]!;
      expect(link).toBe(`${mailer.url}/functions/${FN}/diff?to=1`);
      await b.goto(link);
      await expect(b.getByRole("heading", { level: 1 })).toHaveText(`${FN}: difference between revisions`);
      await expect(b.getByText("Nothing else runs in the child.").first()).toBeVisible();

      // The unsubscribe link, opened signed out, confirms and then turns that kind off.
      const unsubscribe = rawHeader(mail, "List-Unsubscribe")!.slice(1, -1);
      expect(mail.text).toContain(unsubscribe);
      expect(rawHeader(mail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
      const anonymous = await (await browser.newContext()).newPage();
      await anonymous.goto(unsubscribe);
      await expect(anonymous.getByRole("heading", { level: 1 })).toHaveText("Unsubscribe");
      await anonymous.getByRole("button", { name: "Turn off" }).click();
      await expect(anonymous.getByRole("heading", { level: 1 })).toHaveText("Unsubscribed");
      const [prefs] = await query<{ kind: string }>(
        "SELECT p.kinds->>'review-awaiting' AS kind FROM mail_preferences p JOIN users u ON u.id = p.user_id WHERE u.email = $1",
        [B],
      );
      expect(prefs?.kind).toBe("never");

      // B's settings page says so, and the next revision mails B nothing of that kind.
      // The site's main server has no SMTP_URL, and its settings page says so.
      await b.goto("/watchlist");
      await b.getByRole("banner").getByRole("link", { name: "Mail", exact: true }).click();
      await expect(b.getByRole("heading", { level: 1 })).toHaveText("Mail notifications");
      await expect(b.getByTestId("mail-off")).toContainText("SMTP_URL is not set");
      await expect(b.getByTestId("kind-review-awaiting").getByLabel("Never")).toBeChecked();
      await b.getByTestId("kind-page-comment").getByLabel("Daily digest").check();
      await b.getByRole("button", { name: "Save mail settings" }).click();
      await expect(b.getByText("Your mail settings are saved.")).toBeVisible();
      await b.reload();
      await expect(b.getByTestId("kind-page-comment").getByLabel("Daily digest")).toBeChecked();
      await expect(b.getByTestId("kind-review-awaiting").getByLabel("Never")).toBeChecked();
      await editor.open(FN);
      await editor.text().fill("Only a system call, and nothing else.");
      await editor.save("second revision");
      await expect(a).toHaveURL(new RegExp(`/functions/${FN}(\\?|$)`));
      // B still watches the page, so B's mail for it is now the watcher's one, not "awaits your vote".
      const kindsForB = () =>
        query<{ kind: string }>(
          `SELECT n.kind FROM notifications n JOIN users u ON u.id = n.user_id
           WHERE u.email = $1 AND n.subject LIKE $2 ORDER BY n.kind`,
          [B, `%${FN}%revision 2%`],
        );
      await expect.poll(async () => (await kindsForB()).map((r) => r.kind)).toEqual(["page-revision"]);
      const second = await mailbox.waitFor(
        (m) => m.envelopeTo.includes(B) && m.subject === `[Afterfork] ${FN}: revision 2 by Maintainer One`,
        60_000,
      );
      expect(second.text).toContain(`Open it: ${mailer.url}/functions/${FN}/diff?from=1&to=2`);
    } finally {
      await mailer.stop();
      await mailbox.stop();
    }
  });
});
