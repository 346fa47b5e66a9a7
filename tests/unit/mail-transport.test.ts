import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailFrom, sendMail } from "@/lib/mail/transport";
import { rawHeader, SmtpMailbox } from "../support/smtp-mailbox";

const mailbox = new SmtpMailbox();

beforeAll(async () => {
  process.env.SMTP_URL = await mailbox.start(0);
  process.env.MAIL_FROM = "Afterfork <afterfork@example.org>";
});
afterAll(() => mailbox.stop());

describe("mail through a real SMTP server", () => {
  it("delivers plain text with the headers it was given, from MAIL_FROM", async () => {
    await sendMail({
      to: "b@example.org",
      subject: "setgroups: revision 3",
      text: "line one\nline two",
      headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    });
    const mail = await mailbox.waitFor((m) => m.subject === "setgroups: revision 3");
    expect(mail.envelopeTo).toEqual(["b@example.org"]);
    expect(mail.text?.trim()).toBe("line one\nline two");
    expect(mail.from?.text).toBe(`"Afterfork" <afterfork@example.org>`);
    expect(rawHeader(mail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(mailFrom()).toBe("Afterfork <afterfork@example.org>");
  });

  it("fails loudly while the SMTP server is down", async () => {
    await mailbox.stop();
    await expect(sendMail({ to: "b@example.org", subject: "x", text: "y" })).rejects.toThrow(/ECONNREFUSED/);
    await mailbox.start();
  });

  it("refuses an SMTP_URL that is not smtp:// or smtps://", async () => {
    const saved = process.env.SMTP_URL;
    process.env.SMTP_URL = "http://127.0.0.1:25";
    await expect(sendMail({ to: "b@example.org", subject: "x", text: "y" })).rejects.toThrow(/smtp:\/\/ or smtps:/);
    process.env.SMTP_URL = saved;
  });
});
