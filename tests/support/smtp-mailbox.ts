import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A message as the real SMTP server received it, parsed. */
export type ReceivedMail = ParsedMail & { envelopeTo: string[] };

/**
 * A real SMTP server (npm smtp-server) on 127.0.0.1 that keeps what it receives, for tests of mail end to end.
 * `stop()` and `start()` again on the same port stand for an outage of the site's mail server.
 */
export class SmtpMailbox {
  readonly received: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  private boundPort = 0;

  /** Listens on `port` (0: any free port, kept for later restarts); resolves to the SMTP_URL to give the app. */
  async start(port = this.boundPort): Promise<string> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            const envelopeTo = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
            this.received.push(Object.assign(mail, { envelopeTo }));
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    this.server = server;
    this.boundPort = (server.server.address() as AddressInfo).port;
    return this.url;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.boundPort}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The messages to one address. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.envelopeTo.includes(address.toLowerCase()));
  }

  /** Waits until `predicate` holds for some received message and returns it; fails after `timeoutMs`. */
  async waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs = 20_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) {
        const seen = this.received.map((m) => `${m.envelopeTo.join(",")}: ${m.subject ?? ""}`);
        throw new Error(`No matching mail within ${timeoutMs} ms; received: ${JSON.stringify(seen)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** A header's value as sent (mailparser folds List-* headers into one object, which hides the raw text). */
export function rawHeader(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line?.slice(line.indexOf(":") + 1).trim();
}
