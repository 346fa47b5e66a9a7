import {
  claimDigests,
  claimItems,
  makeDigests,
  markFailed,
  markSent,
  type ClaimedDigest,
  type ClaimedItem,
  type Database,
  type SkipReason,
} from "@/lib/mail/claims";
import { digestMail, itemMail } from "@/lib/mail/compose";
import { sendMail, type OutgoingMail } from "@/lib/mail/transport";

// The outbox's sender: every server process with SMTP_URL runs one; they share the rows through SKIP LOCKED.
// A message is marked sent only after the SMTP server accepted it, and a failure moves it back with a growing
// delay, so an outage loses nothing. The one duplicate left possible is a process killed between the server's
// "250 OK" and the UPDATE that follows it: at-least-once in that window, exactly once otherwise.

export interface SenderResult {
  sent: number;
  failed: number;
  skipped: number;
}

type Log = { info: (fields: object, message: string) => void; warn: (fields: object, message: string) => void };

export interface SenderOptions {
  db: Database;
  /** The session secret that signs unsubscribe links (NEXTAUTH_SECRET or the stored one). */
  secret: () => Promise<string | null>;
  logger?: Log;
  pollMs?: number;
  batch?: number;
  /** How long a claimed message is left to its sender before others may take it: longer than any send. */
  leaseMs?: number;
  /** Delay before the next attempt after `attempts` failures. */
  backoffMs?: (attempts: number) => number;
  now?: () => Date;
  send?: (mail: OutgoingMail) => Promise<void>;
  /** Called after each round that did something (metrics). */
  onResult?: (result: SenderResult) => void;
}

/** 30 s, 1 min, 2 min, … up to an hour between attempts while the SMTP server is down. */
export const defaultBackoffMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);

export class MailSender {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;
  private readonly options: Required<Omit<SenderOptions, "logger" | "onResult">> & SenderOptions;

  constructor(options: SenderOptions) {
    this.options = {
      pollMs: 5_000,
      batch: 20,
      leaseMs: 10 * 60_000,
      backoffMs: defaultBackoffMs,
      now: () => new Date(),
      send: sendMail,
      ...options,
    };
  }

  /** Sends whatever is due now, once: the integration tests drive it directly, the loop calls it. */
  async runOnce(): Promise<SenderResult> {
    const { db, now, batch, leaseMs } = this.options;
    const secret = await this.options.secret();
    if (!secret) throw new Error("No session secret yet: unsubscribe links cannot be signed.");
    const result: SenderResult = { sent: 0, failed: 0, skipped: 0 };
    await makeDigests(db, now());
    for (;;) {
      const items = await claimItems(db, now(), batch, leaseMs);
      await this.deliver(items, "notifications", result, (item) => itemMail(secret, item.recipient, item));
      const digests = await claimDigests(db, now(), batch, leaseMs);
      await this.deliver(digests, "mail_digests", result, (digest) =>
        digestMail(secret, digest.recipient, digest.day, this.wanted(digest)),
      );
      if (items.length < batch && digests.length < batch) break;
    }
    if (result.sent || result.failed || result.skipped) this.options.onResult?.(result);
    return result;
  }

  /** The digest's items whose kind is still wanted: one turned off since is left out. */
  private wanted(digest: ClaimedDigest) {
    return digest.items.filter((item) => digest.recipient.kinds[item.kind] !== "never");
  }

  private skipReason(message: ClaimedItem | ClaimedDigest): SkipReason | null {
    if (message.recipient.skip) return message.recipient.skip;
    if ("kind" in message) return message.recipient.kinds[message.kind] === "never" ? "turned off" : null;
    return this.wanted(message).length ? null : "turned off";
  }

  private async deliver<M extends ClaimedItem | ClaimedDigest>(
    messages: M[],
    table: "notifications" | "mail_digests",
    result: SenderResult,
    compose: (message: M) => OutgoingMail,
  ): Promise<void> {
    const { db, send, backoffMs, now, logger } = this.options;
    for (const [index, message] of messages.entries()) {
      const skip = this.skipReason(message);
      if (skip) {
        await markSent(db, table, message.id, skip);
        result.skipped++;
        continue;
      }
      try {
        await send(compose(message));
      } catch (error) {
        // The server is most likely down for the rest of the batch as well: they wait with this one.
        const reason = error instanceof Error ? error.message : String(error);
        for (const waiting of messages.slice(index)) {
          const retryAt = new Date(now().getTime() + backoffMs(waiting.attempts));
          await markFailed(db, table, waiting.id, reason, retryAt);
          result.failed++;
        }
        logger?.warn({ table, failed: messages.length - index, err: reason }, "mail: SMTP refused, will retry");
        return;
      }
      await markSent(db, table, message.id, null);
      result.sent++;
    }
  }

  /** Polls every pollMs until stopped; a failing round (database down) is logged and tried again. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = () => {
      this.running = this.runOnce()
        .then((result) => {
          if (result.sent || result.failed || result.skipped)
            this.options.logger?.info({ ...result }, "mail: delivered");
        })
        .catch((error: unknown) => this.options.logger?.warn({ err: error }, "mail: sender round failed"))
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.timer = setTimeout(tick, this.options.pollMs);
        });
    };
    tick();
  }

  /** Stops polling and waits for the round in flight, so that shutdown closes the pool after it. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
