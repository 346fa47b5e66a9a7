import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addComment } from "@/lib/comments/mutations";
import { saveMailSettings } from "@/lib/mail/preferences";
import { editPage } from "@/lib/pages/editing";
import { describeProjectPage } from "@/lib/pages/refs";
import { castVote, recordAgreement, rejectProposal } from "@/lib/review/mutations";
import { saveRule } from "@/lib/review/rule";
import { setWatching } from "@/lib/watch/watchlist";
import { buildWorld, editProposal, newSender, ORIGIN, type World } from "../support/mail-world";
import { rawHeader, SmtpMailbox, type ReceivedMail } from "../support/smtp-mailbox";

// Each kind of mail, end to end: the change writes the outbox rows in its transaction, the sender delivers
// them to a real SMTP server, and the message is checked as a mail client would see it.

const mailbox = new SmtpMailbox();
let world: World;
let sender: ReturnType<typeof newSender>;
const email = (who: keyof World["ids"]) =>
  `mw-${{ ann: "ann", bob: "bob", unverified: "new", disabled: "gone", rep: "rep", reader: "reader" }[who]}@example.org`;

beforeAll(async () => {
  process.env.SMTP_URL = await mailbox.start(0);
  world = await buildWorld("mw");
  sender = newSender();
});
afterAll(async () => {
  await sender.close();
  await mailbox.stop();
});
beforeEach(async () => {
  mailbox.received.length = 0;
  await db.notification.deleteMany({});
});

/** Delivers the outbox and returns what arrived, by recipient. */
async function deliver(): Promise<Map<string, ReceivedMail[]>> {
  await sender.sender.runOnce();
  const byRecipient = new Map<string, ReceivedMail[]>();
  for (const mail of mailbox.received)
    for (const to of mail.envelopeTo) byRecipient.set(to, [...(byRecipient.get(to) ?? []), mail]);
  return byRecipient;
}

function expectUnsubscribe(mail: ReceivedMail) {
  const header = rawHeader(mail, "List-Unsubscribe");
  expect(header).toMatch(new RegExp(`^<${ORIGIN}/unsubscribe\\?token=[^>]+>$`));
  expect(rawHeader(mail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
  expect(mail.text).toContain(header!.slice(1, -1));
}

describe("mail for each kind of event", () => {
  it("a new revision reaches the page's watchers with the diff link, and maintainers as awaiting their vote", async () => {
    await setWatching(world.ids.reader, world.pageId, true);
    await setWatching(world.ids.unverified, world.pageId, true);
    await setWatching(world.ids.disabled, world.pageId, true);
    const revision = await editProposal(world, world.ids.ann, "safe after all", "It calls only\nthe raw syscall.");
    const mails = await deliver();

    const [watcherMail, ...more] = mails.get(email("reader")) ?? [];
    expect(more).toEqual([]);
    expect(watcherMail!.subject).toBe(`[Afterfork] ${world.fn}: revision ${revision.number} by Ann Maintainer`);
    const diff = `${ORIGIN}/functions/${world.fn}/diff?from=${revision.number - 1}&to=${revision.number}`;
    expect(watcherMail!.text).toContain(`Open it: ${diff}`);
    expect(watcherMail!.text).toContain("Summary: safe after all");
    expect(watcherMail!.text).toContain("AS-safety: unknown → AS-safe");
    expect(watcherMail!.text).toContain("+ the raw syscall.");
    expectUnsubscribe(watcherMail!);

    // Bob votes; Ann wrote the revision, so she is not told about it; the unverified and disabled get nothing.
    const [bobMail, ...bobMore] = mails.get(email("bob")) ?? [];
    expect(bobMore).toEqual([]);
    expect(bobMail!.subject).toBe(
      `[Afterfork] ${world.fn} awaits your vote: revision ${revision.number} by Ann Maintainer`,
    );
    expect(bobMail!.text).toContain(`Open it: ${diff}`);
    expect(bobMail!.text).toContain(`Vote on it: ${ORIGIN}/functions/${world.fn}/review`);
    expectUnsubscribe(bobMail!);
    expect([...mails.keys()].sort()).toEqual([email("bob"), email("reader")]);
  });

  it("the author watches the page they edited, and is not mailed about their own change", async () => {
    expect(await db.watch.count({ where: { userId: world.ids.ann, pageId: world.pageId } })).toBe(1);
    await addComment({ pageId: world.pageId, parentId: null, body: "Looks right to me.\nSecond line." }, world.ids.bob);
    const mails = await deliver();
    const [annMail] = mails.get(email("ann")) ?? [];
    expect(annMail!.subject).toBe(`[Afterfork] ${world.fn}: comment by Bob Maintainer`);
    const comment = await db.comment.findFirstOrThrow({ where: { authorId: world.ids.bob } });
    expect(annMail!.text).toContain(`Open it: ${ORIGIN}/functions/${world.fn}#c${comment.id}`);
    expect(annMail!.text).toContain("    Looks right to me.\n    Second line.");
    expectUnsubscribe(annMail!);
    expect(mails.has(email("bob"))).toBe(false);
    // Bob commented, so Bob watches now.
    expect(await db.watch.count({ where: { userId: world.ids.bob, pageId: world.pageId } })).toBe(1);
  });

  it("a veto, an agreement and a rejection reach the other maintainers and the needing project's representative", async () => {
    await saveRule(world.ids.ann, { minApprovals: 1, minStrongApprovals: 0, vetoBlocks: true });
    const { currentRevisionId } = await db.page.findUniqueOrThrow({ where: { id: world.pageId } });
    const target = { pageId: world.pageId, revisionId: currentRevisionId! };
    await castVote(world.ids.bob, { ...target, value: -2, comment: "Not on every architecture." });
    let mails = await deliver();
    const [veto] = mails.get(email("ann")) ?? [];
    expect(veto!.subject).toBe(`[Afterfork] ${world.fn}: veto by Bob Maintainer`);
    expect(veto!.text).toContain("Not on every architecture.");
    expect(mails.has(email("bob"))).toBe(false);
    expect(mails.has(email("rep"))).toBe(false);

    mailbox.received.length = 0;
    await castVote(world.ids.bob, { ...target, value: 1, comment: "fine" });
    await recordAgreement(world.ids.ann, target);
    mails = await deliver();
    const [agreed] = mails.get(email("bob")) ?? [];
    expect(agreed!.subject).toBe(`[Afterfork] ${world.fn} agreed by Ann Maintainer`);
    expect(agreed!.text).toContain(`Open it: ${ORIGIN}/functions/${world.fn}/review`);
    const [repMail] = mails.get(email("rep")) ?? [];
    expect(repMail!.subject).toBe(agreed!.subject);
    expectUnsubscribe(repMail!);
    expect(rawHeader(repMail!, "List-Unsubscribe")).not.toBe(rawHeader(agreed!, "List-Unsubscribe"));

    mailbox.received.length = 0;
    await rejectProposal(world.ids.bob, { pageId: world.pageId, reason: "It takes a lock." });
    mails = await deliver();
    expect(mails.get(email("ann"))!.map((m) => m.subject)).toEqual([
      `[Afterfork] ${world.fn} rejected by Bob Maintainer`,
    ]);
    expect(mails.get(email("rep"))![0]!.text).toContain("Reason: It takes a lock.");
  });

  it("a needs list changed by someone else reaches its representatives, not when they change it themselves", async () => {
    const page = (await describeProjectPage({ slug: world.project }))!;
    const rows = [{ function: world.fn, priority: "convenient" as const, rationale: "less urgent", context: "" }];
    const saved = await editPage({
      page,
      baseRevisionId: page.currentRevisionId,
      authorId: world.ids.ann,
      summary: "priority as discussed",
      text: "",
      fields: { rows },
    });
    expect(saved.status).toBe("saved");
    let mails = await deliver();
    const [repMail, ...more] = mails.get(email("rep")) ?? [];
    expect(more).toEqual([]);
    expect(repMail!.subject).toBe(`[Afterfork] mw project's needs list changed: revision 2 by Ann Maintainer`);
    expect(repMail!.text).toContain(`Open it: ${ORIGIN}/projects/${world.project}/diff?from=1&to=2`);
    expect(repMail!.text).toContain(`${world.fn}: priority → convenient`);
    expectUnsubscribe(repMail!);

    mailbox.received.length = 0;
    const again = (await describeProjectPage({ slug: world.project }))!;
    await editPage({
      page: again,
      baseRevisionId: again.currentRevisionId,
      authorId: world.ids.rep,
      summary: "back to required",
      text: "",
      fields: { rows: [{ ...rows[0]!, priority: "required" }] },
    });
    mails = await deliver();
    expect(mails.has(email("rep"))).toBe(false);
  });

  it("a kind set to never writes nothing; one set to the daily digest waits for the digest", async () => {
    await saveMailSettings(world.ids.reader, {
      kinds: {
        "page-revision": "never",
        "page-comment": "digest",
        "review-awaiting": "immediate",
        "review-decision": "immediate",
        "needs-changed": "immediate",
        "needs-decision": "immediate",
      },
      autoWatch: true,
    });
    await editProposal(world, world.ids.ann, "again", "Another text.");
    await addComment({ pageId: world.pageId, parentId: null, body: "For the digest." }, world.ids.bob);
    const rows = await db.notification.findMany({ where: { userId: world.ids.reader } });
    expect(rows.map((r) => [r.kind, r.delivery])).toEqual([["page-comment", "digest"]]);
    const mails = await deliver();
    expect(mails.has(email("reader"))).toBe(false);
  });
});
