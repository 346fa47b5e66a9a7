import { expect, test, type Page } from "@playwright/test";
import { hashPassword } from "../lib/auth/password";
import { freePort } from "../lib/server/embedded-postgres";
import { SmtpMailbox, type ReceivedMail } from "../tests/support/smtp-mailbox";
import { query } from "./db";
import { startServer } from "./servers";

// Accounts by mail in the browser: a second production server on the suite's
// database, with SMTP_URL pointing at a real SMTP server (npm smtp-server)
// started here, so that the mails are the ones the app really sent.

const mailbox = new SmtpMailbox();
let app: Awaited<ReturnType<typeof startServer>>;

test.describe.configure({ mode: "serial", timeout: 120_000 });

test.beforeAll(async () => {
  const smtpUrl = await mailbox.start();
  app = await startServer(await freePort(3110), process.env.DATABASE_URL!, {
    SMTP_URL: smtpUrl,
    MAIL_FROM: "Afterfork <noreply@afterfork.test>",
  });
});

test.afterAll(async () => {
  await app?.stop();
  await mailbox.stop();
});

/** The one link in a mail, checked to lead to `path` on the server that sent it. */
function linkIn(mail: ReceivedMail, path: string): string {
  const links = (mail.text ?? "").match(/https?:\/\/\S+/g) ?? [];
  expect(links).toHaveLength(1);
  expect(links[0]!.startsWith(`${app.url}${path}?token=`)).toBe(true);
  return links[0]!;
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${app.url}/signin`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("register, then the confirmation mail's link confirms the address in the browser", async ({ page }) => {
  const email = `verify-${Date.now()}@example.org`;
  await page.goto(`${app.url}/register`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Display name").fill("Mail Reader");
  await page.getByLabel("Password").fill("long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/settings\/account\?registered=1$/);
  await expect(page.getByTestId("email-status")).toContainText(`${email} is not confirmed yet: open the link`);

  // Until then the account may not comment.
  await page.goto(`${app.url}/functions/mount`);
  await expect(page.locator("#discussion")).toContainText("Confirm your address to comment.");
  await expect(page.getByRole("form", { name: "Add a comment" })).toHaveCount(0);

  const mail = await mailbox.waitFor((m) => m.envelopeTo.includes(email));
  expect(mail.subject).toBe("Confirm your address for Afterfork");
  expect(mail.from?.text).toContain("noreply@afterfork.test");
  await page.goto(linkIn(mail, "/verify-email"));
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await expect(page.locator(".notice.ok")).toHaveText("Your address is confirmed.");
  const [row] = await query<{ verified: boolean }>(
    "SELECT email_verified_at IS NOT NULL AS verified FROM users WHERE email = $1",
    [email],
  );
  expect(row).toEqual({ verified: true });

  await page.goto(`${app.url}/functions/mount`);
  await expect(page.getByRole("form", { name: "Add a comment" })).toBeVisible();
  await page.goto(`${app.url}/settings/account`);
  await expect(page.getByTestId("email-status")).toHaveText(`${email} is confirmed.`);
});

test("forgot password: the reset mail's link sets a new password, which then signs in", async ({ page }) => {
  const email = `reset-${Date.now()}@example.org`;
  await query("INSERT INTO users (email, name, password_hash) VALUES ($1, 'Forgetful', $2)", [
    email,
    await hashPassword("the old password"),
  ]);
  await page.goto(`${app.url}/signin`);
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/reset-password$/);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Mail me a link" }).click();
  await expect(page.locator(".notice.ok")).toContainText("a link to set a new password is on its way");

  const mail = await mailbox.waitFor((m) => m.envelopeTo.includes(email));
  expect(mail.subject).toBe("Set a new Afterfork password");
  const link = linkIn(mail, "/reset-password");
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill("a brand new password");
  await page.getByLabel("New password again").fill("a brand new password");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page).toHaveURL(/\/signin\?ended=reset$/);
  await expect(page.locator(".notice.ok")).toContainText("Your new password is set");

  await signIn(page, email, "the old password");
  await expect(page.locator(".notice.error")).toHaveText("The email or password is not right.");
  await signIn(page, email, "a brand new password");
  await expect(page.getByTestId("signed-in-as")).toHaveText("Forgetful (reader)");

  // The link was for one use.
  await page.goto(link);
  await expect(page.locator(".notice.error")).toContainText("This link was already used.");
});
