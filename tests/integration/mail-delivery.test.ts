import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/unsubscribe/route";
import { db } from "@/lib/db";
import { addComment } from "@/lib/comments/mutations";
import { mailSettings, saveMailSettings, turnKindOff } from "@/lib/mail/preferences";
import { unsubscribeToken } from "@/lib/mail/unsubscribe";
import { setWatching } from "@/lib/watch/watchlist";
import { buildWorld, editProposal, newSender, SECRET, type World } from "../support/mail-world";
import { rawHeader, SmtpMailbox } from "../support/smtp-mailbox";

// Delivery: an SMTP outage loses nothing and sends nothing twice, two senders share the outbox without
// sending a message twice, a daily digest carries every pending item once, and the unsubscribe link works.

const mailbox = new SmtpMailbox();
let world: World;
const senders: ReturnType<typeof newSender>[] = [];
const sender = (options: Parameters<typeof newSender>[0] = {}) => {
  const made = newSender(options);
  senders.push(made);
  return made.sender;
};
const to = (who: "bob" | "reader") => `md-${who}@example.org`;
const comment = (body: string) => addComment({ pageId: world.pageId, parentId: null, body }, world.ids.ann);

beforeAll(async () => {
  process.env.SMTP_URL = await mailbox.start(0);
  world = await buildWorld("md");
  await setWatching(world.ids.bob, world.pageId, true);
  await setWatching(world.ids.reader, world.pageId, true);
});
afterAll(async () => {
  await Promise.all(senders.map((s) => s.close()));
  await mailbox.stop();
});
beforeEach(async () => {
  mailbox.received.length = 0;
  await db.notification.deleteMany({});
  await db.mailDigest.deleteMany({});
  await db.mailPreference.deleteMany({});
});

/** Every received message as "recipient: subject / first line", which each test's events make unique. */
const receivedKeys = () =>
  mailbox.received.map((m) => `${m.envelopeTo.join(",")}: ${m.subject} / ${m.text?.split("\n")[4] ?? ""}`);

describe("delivery through an SMTP outage", () => {
  it("goes on with the changes while SMTP is down, then sends every queued mail exactly once", async () => {
    const one = sender();
    await mailbox.stop();
    await editProposal(world, world.ids.ann, "during the outage", "Written while mail was down.");
    for (let i = 1; i <= 3; i++) await comment(`Outage comment ${i}`);
    const queued = await db.notification.count();
    expect(queued).toBe(2 * 4); // Bob and the reader, for the revision and three comments.

    const down = await one.runOnce();
    expect(down).toEqual({ sent: 0, failed: queued, skipped: 0 });
    const rows = await db.notification.findMany();
    expect(
      rows.every((r) => r.status === "pending" && r.attempts === 1 && /ECONNREFUSED/.test(r.lastError ?? "")),
    ).toBe(true);
    expect(await db.revision.count({ where: { summary: "during the outage" } })).toBe(1);

    await mailbox.start();
    expect(await one.runOnce()).toEqual({ sent: queued, failed: 0, skipped: 0 });
    expect(await one.runOnce()).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect(mailbox.received).toHaveLength(queued);
    expect(new Set(receivedKeys()).size).toBe(queued);
    const after = await db.notification.findMany();
    expect(after.every((r) => r.status === "sent" && r.sentAt !== null && r.lastError === null)).toBe(true);
  });

  it("backs off: a failed message is not tried again before its next attempt is due", async () => {
    const slow = sender({ backoffMs: () => 60_000 });
    await mailbox.stop();
    await comment("Backoff comment");
    expect((await slow.runOnce()).failed).toBe(2);
    await mailbox.start();
    expect(await slow.runOnce()).toEqual({ sent: 0, failed: 0, skipped: 0 });
    const later = sender({ now: () => new Date(Date.now() + 61_000) });
    expect((await later.runOnce()).sent).toBe(2);
    expect(mailbox.received).toHaveLength(2);
  });
});

describe("two app instances", () => {
  it("never send the same message twice when they claim at the same time", async () => {
    for (let i = 0; i < 40; i++) await comment(`Shared comment ${i}`);
    const queued = await db.notification.count();
    expect(queued).toBe(80);
    const a = sender({ batch: 3 });
    const b = sender({ batch: 3 });
    const results = await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
    const sent = results.reduce((sum, r) => sum + r.sent, 0);
    expect(sent).toBe(queued);
    // Both did some of the work.
    expect(results[0]!.sent + results[2]!.sent).toBeGreaterThan(0);
    expect(results[1]!.sent + results[3]!.sent).toBeGreaterThan(0);
    expect(mailbox.received).toHaveLength(queued);
    expect(new Set(receivedKeys()).size).toBe(queued);
  });
});

describe("the daily digest", () => {
  it("is one mail per user and day with every pending item, sent after the day they happened", async () => {
    const settings = await mailSettings(world.ids.reader);
    await saveMailSettings(world.ids.reader, { ...settings, kinds: { ...settings.kinds, "page-comment": "digest" } });
    await comment("Digest comment A");
    await comment("Digest comment B");
    const today = sender();
    await today.runOnce();
    expect(mailbox.received.map((m) => m.envelopeTo[0])).toEqual([to("bob"), to("bob")]);

    mailbox.received.length = 0;
    const tomorrow = sender({ now: () => new Date(Date.now() + 24 * 3600_000) });
    expect((await tomorrow.runOnce()).sent).toBe(1);
    expect((await tomorrow.runOnce()).sent).toBe(0);
    const [digest, ...more] = mailbox.received;
    expect(more).toEqual([]);
    expect(digest!.envelopeTo).toEqual([to("reader")]);
    expect(digest!.subject).toMatch(/^\[Afterfork\] Daily digest for \d{4}-\d{2}-\d{2}: 2 changes$/);
    expect(digest!.text).toContain("Digest comment A");
    expect(digest!.text).toContain("Digest comment B");
    expect(rawHeader(digest!, "List-Unsubscribe")).toMatch(/^<https:\/\/afterfork\.example\.org\/unsubscribe\?token=/);
    expect(rawHeader(digest!, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(await db.mailDigest.count({ where: { userId: world.ids.reader, status: "sent" } })).toBe(1);
  });
});

describe("mail turned off after it was queued", () => {
  it("is closed unsent, with the reason, and a digest link turns off every kind sent by digest", async () => {
    await comment("Queued, then unwanted");
    await turnKindOff(world.ids.reader, "page-comment");
    expect(await sender().runOnce()).toEqual({ sent: 1, failed: 0, skipped: 1 });
    expect(mailbox.received.map((m) => m.envelopeTo[0])).toEqual([to("bob")]);
    const closed = await db.notification.findFirstOrThrow({ where: { userId: world.ids.reader } });
    expect([closed.status, closed.sentAt, closed.lastError]).toEqual(["sent", null, "not sent: turned off"]);

    const settings = await mailSettings(world.ids.bob);
    const kinds = { ...settings.kinds, "page-comment": "digest" as const, "page-revision": "digest" as const };
    await saveMailSettings(world.ids.bob, { ...settings, kinds });
    const token = unsubscribeToken(SECRET, world.ids.bob, "digest");
    const response = await POST(
      new Request(`http://127.0.0.1/unsubscribe?token=${token}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
        body: "List-Unsubscribe=One-Click",
      }),
    );
    expect(await response.text()).toContain("Daily digests are turned off.");
    const after = (await mailSettings(world.ids.bob)).kinds;
    expect([after["page-comment"], after["page-revision"], after["review-awaiting"]]).toEqual([
      "never",
      "never",
      "immediate",
    ]);
  });
});

describe("one-click unsubscribe", () => {
  it("confirms on GET, turns the kind off on POST without a session, and then nothing of that kind is queued", async () => {
    await comment("Before unsubscribing");
    await sender().runOnce();
    const mail = mailbox.to(to("reader"))[0]!;
    const url = rawHeader(mail, "List-Unsubscribe")!.slice(1, -1);
    const local = url.replace("https://afterfork.example.org", "http://127.0.0.1");

    const page = await GET(new Request(local));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("turn off mails about comments on watched pages?");
    expect((await mailSettings(world.ids.reader)).kinds["page-comment"]).toBe("immediate");

    const oneClick = await POST(
      new Request(local, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://mail.example.com" },
        body: "List-Unsubscribe=One-Click",
      }),
    );
    expect(oneClick.status).toBe(200);
    expect((await mailSettings(world.ids.reader)).kinds["page-comment"]).toBe("never");
    expect((await mailSettings(world.ids.reader)).kinds["page-revision"]).toBe("immediate");

    await db.notification.deleteMany({});
    await comment("After unsubscribing");
    expect((await db.notification.findMany()).map((n) => n.userId)).toEqual([world.ids.bob]);
  });

  it("refuses a token it did not sign, and a POST that is not one-click", async () => {
    const forged = await GET(
      new Request(`http://127.0.0.1/unsubscribe?token=${world.ids.reader}.page-comment.${"A".repeat(43)}`),
    );
    expect(forged.status).toBe(404);
    const notOneClick = await POST(
      new Request(`http://127.0.0.1/unsubscribe?token=x`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "something=else",
      }),
    );
    expect(notOneClick.status).toBe(400);
  });
});
