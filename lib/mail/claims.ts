import type pg from "pg";
import type { MailItem } from "@/lib/mail/compose";
import { deliveriesOf, type Delivery, type MailKind } from "@/lib/mail/kinds";

// The outbox's SQL, over a plain pg pool: the server process sends mail outside Next, and a second Prisma
// client in its bundle would cost memory for a few statements. Rows are claimed with FOR UPDATE SKIP LOCKED
// and a lease (next_attempt_at moved past the send), so senders in several instances never take the same row.

export type Database = Pick<pg.Pool, "query">;

/** Why a claimed message is not sent after all; it is closed as "sent" with this as its last_error. */
export type SkipReason = "account disabled" | "email not verified" | "turned off";

export interface Recipient {
  id: number;
  email: string;
  /** Set when nothing may be sent to this user any more. */
  skip: Exclude<SkipReason, "turned off"> | null;
  kinds: Record<MailKind, Delivery>;
}

interface RecipientRow {
  user_id: number;
  email: string;
  disabled: boolean;
  verified: boolean;
  kinds: unknown;
}

const RECIPIENT = `u.id AS user_id, u.email, u.disabled, u.email_verified_at IS NOT NULL AS verified,
  (SELECT p.kinds FROM mail_preferences p WHERE p.user_id = u.id) AS kinds`;

function recipientOf(row: RecipientRow): Recipient {
  const skip = row.disabled ? "account disabled" : row.verified ? null : "email not verified";
  return { id: row.user_id, email: row.email, skip, kinds: deliveriesOf(row.kinds) };
}

export interface ClaimedItem extends MailItem {
  id: string;
  /** Including this one: sets the backoff should it fail. */
  attempts: number;
  recipient: Recipient;
}

/** Claims up to `limit` immediate messages that are due, for `leaseMs`. */
export async function claimItems(db: Database, now: Date, limit: number, leaseMs: number): Promise<ClaimedItem[]> {
  const { rows } = await db.query<
    RecipientRow & { id: string; attempts: number; kind: MailKind } & Omit<MailItem, "kind">
  >(
    `UPDATE notifications n SET attempts = n.attempts + 1, next_attempt_at = $1::timestamptz + $3 * interval '1 ms'
     FROM users u
     WHERE u.id = n.user_id AND n.id IN (
       SELECT id FROM notifications
       WHERE status = 'pending' AND delivery = 'immediate' AND next_attempt_at <= $1
       ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING n.id, n.attempts, n.kind, n.subject, n.body, n.path, ${RECIPIENT}`,
    [now, limit, leaseMs],
  );
  return rows.map((row) => ({
    id: row.id,
    attempts: row.attempts,
    kind: row.kind,
    subject: row.subject,
    body: row.body,
    path: row.path,
    recipient: recipientOf(row),
  }));
}

/**
 * Makes today's digests: for each user with digest items from before today (UTC), one digest row, holding
 * every such item. Only the statement that created a digest fills it, so a digest being sent never gains an
 * item it did not carry; an item committed after its user's digest was made waits for tomorrow's.
 */
export async function makeDigests(db: Database, now: Date): Promise<number> {
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const { rowCount } = await db.query(
    `WITH due AS (
       SELECT DISTINCT user_id FROM notifications
       WHERE status = 'pending' AND delivery = 'digest' AND created_at < $1),
     made AS (
       INSERT INTO mail_digests (user_id, day, next_attempt_at)
       SELECT user_id, ($1::timestamptz AT TIME ZONE 'UTC')::date, $1 FROM due
       ON CONFLICT (user_id, day) DO NOTHING RETURNING id, user_id)
     UPDATE notifications n SET status = 'digested', digest_id = made.id FROM made
     WHERE n.user_id = made.user_id AND n.status = 'pending' AND n.delivery = 'digest' AND n.created_at < $1`,
    [dayStart],
  );
  return rowCount ?? 0;
}

export interface ClaimedDigest {
  id: string;
  attempts: number;
  day: string;
  recipient: Recipient;
  items: MailItem[];
}

/** Claims up to `limit` digests that are due, with their items, for `leaseMs`. */
export async function claimDigests(db: Database, now: Date, limit: number, leaseMs: number): Promise<ClaimedDigest[]> {
  const { rows } = await db.query<RecipientRow & { id: string; attempts: number; day: string }>(
    `UPDATE mail_digests d SET attempts = d.attempts + 1, next_attempt_at = $1::timestamptz + $3 * interval '1 ms'
     FROM users u
     WHERE u.id = d.user_id AND d.id IN (
       SELECT id FROM mail_digests WHERE status = 'pending' AND next_attempt_at <= $1
       ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING d.id, d.attempts, to_char(d.day, 'YYYY-MM-DD') AS day, ${RECIPIENT}`,
    [now, limit, leaseMs],
  );
  if (!rows.length) return [];
  const items = await db.query<MailItem & { digest_id: string }>(
    `SELECT digest_id, kind, subject, body, path FROM notifications WHERE digest_id = ANY($1::bigint[]) ORDER BY id`,
    [rows.map((row) => row.id)],
  );
  return rows.map((row) => ({
    id: row.id,
    attempts: row.attempts,
    day: row.day,
    recipient: recipientOf(row),
    items: items.rows
      .filter((item) => item.digest_id === row.id)
      .map(({ kind, subject, body, path }) => ({ kind, subject, body, path })),
  }));
}

type Table = "notifications" | "mail_digests";

/** Marks a message delivered (or closed unsent with the reason). */
export async function markSent(db: Database, table: Table, id: string, skipped: SkipReason | null): Promise<void> {
  await db.query(
    `UPDATE ${table} SET status = 'sent', sent_at = CASE WHEN $2::text IS NULL THEN now() END,
       last_error = CASE WHEN $2::text IS NULL THEN NULL ELSE 'not sent: ' || $2 END
     WHERE id = $1 AND status = 'pending'`,
    [id, skipped],
  );
}

/** Records a failed attempt; the message is tried again after `retryAt`. */
export async function markFailed(db: Database, table: Table, id: string, error: string, retryAt: Date): Promise<void> {
  await db.query(`UPDATE ${table} SET last_error = $2, next_attempt_at = $3 WHERE id = $1 AND status = 'pending'`, [
    id,
    error.slice(0, 1000),
    retryAt,
  ]);
}
