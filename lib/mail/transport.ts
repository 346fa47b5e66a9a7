import nodemailer, { type Transporter } from "nodemailer";
import { z } from "zod";
import { publicOrigin } from "@/lib/server/http/public-origin";

/** One message as every sender of Afterfork hands it over: plain text always, HTML optional. */
export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string>;
};

const smtpUrl = z.url().refine((url) => /^smtps?:\/\//i.test(url), "SMTP_URL must start with smtp:// or smtps://");

/** Whether this server sends mail at all: only with SMTP_URL set (the embedded default has none). */
export function mailConfigured(): boolean {
  return Boolean(process.env.SMTP_URL);
}

/** The From address: MAIL_FROM, else afterfork@ the public host name. */
export function mailFrom(): string {
  return process.env.MAIL_FROM || `Afterfork <afterfork@${new URL(publicOrigin()).hostname}>`;
}

const holder = globalThis as unknown as { afterforkMail?: { url: string; transporter: Transporter } };

/**
 * The SMTP connection pool for SMTP_URL, or null when mail is off. Recreated when SMTP_URL changes (tests point
 * one process at several servers); a malformed SMTP_URL is an error with the reason, not a silent "no mail".
 */
export function mailTransport(): Transporter | null {
  const url = process.env.SMTP_URL;
  if (!url) return null;
  if (holder.afterforkMail?.url !== url) {
    const parsed = smtpUrl.safeParse(url);
    if (!parsed.success) throw new Error(`SMTP_URL is not usable: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    holder.afterforkMail?.transporter.close();
    // Short timeouts: a sender that waits on a dead server holds its claimed rows until the lease runs out.
    holder.afterforkMail = {
      url,
      transporter: nodemailer.createTransport(url, {
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      }),
    };
  }
  return holder.afterforkMail.transporter;
}

/** Sends one message now; throws the SMTP error when the server refuses it or cannot be reached. */
export async function sendMail(mail: OutgoingMail): Promise<void> {
  const transporter = mailTransport();
  if (!transporter) throw new Error("Mail is not configured: SMTP_URL is unset.");
  await transporter.sendMail({ from: mailFrom(), ...mail });
}
