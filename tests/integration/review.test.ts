import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ensureProposalPage, saveRevision } from "@/lib/pages/revisions";
import { DEFAULT_GUARANTEE } from "@/lib/pages/fields";
import { castVote, recordAgreement, rejectProposal, reopenProposal, ReviewError } from "@/lib/review/mutations";
import { getReview } from "@/lib/review/data";
import { reviewDashboard } from "@/lib/review/dashboard";
import { saveRule, loadRule, DEFAULT_RULE } from "@/lib/review/rule";
import { auditCsvStream } from "@/lib/audit/csv";

const fields = {
  guarantee: DEFAULT_GUARANTEE,
  implementationKind: "syscall stub",
  implementationNote: "",
  asSafety: "AS-safe",
};
let maintainers: number[] = [];

async function proposal(name: string) {
  const fn = await db.function.create({ data: { name } });
  const page = await ensureProposalPage(db, fn.id);
  const { revision } = await saveRevision({
    pageId: page.id,
    baseRevisionId: null,
    authorId: maintainers[0]!,
    summary: "start",
    text: `About ${name}.`,
    fields,
  });
  return { pageId: page.id, revisionId: revision.id };
}

beforeAll(async () => {
  await db.user.createMany({
    data: Array.from({ length: 50 }, (_, i) => ({
      email: `m${i}@example.org`,
      name: `Maintainer ${i}`,
      role: "maintainer" as const,
    })),
  });
  maintainers = (await db.user.findMany({ where: { role: "maintainer" }, orderBy: { id: "asc" } })).map((u) => u.id);
});

describe("review", () => {
  it("200 concurrent votes from 50 maintainers on 4 revisions leave one vote each, none lost; a repeat does not duplicate", async () => {
    const pages = await Promise.all(["vote_a", "vote_b", "vote_c", "vote_d"].map(proposal));
    const submissions = pages.flatMap((p) =>
      maintainers.map((voterId, i) => ({ voterId, input: { ...p, value: (i % 5) - 2, comment: `m${i}` } })),
    );
    const results = await Promise.allSettled(submissions.map((s) => castVote(s.voterId, s.input)));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    for (const p of pages) {
      const votes = await db.vote.findMany({ where: { revisionId: p.revisionId } });
      expect(votes).toHaveLength(50);
      expect(new Set(votes.map((v) => v.voterId)).size).toBe(50);
    }
    // The same vote submitted twice at once, then changed: still one row, with the last value.
    const [p] = pages;
    await Promise.all([
      castVote(maintainers[0]!, { ...p!, value: 1, comment: "twice" }),
      castVote(maintainers[0]!, { ...p!, value: 1, comment: "twice" }),
    ]);
    await castVote(maintainers[0]!, { ...p!, value: 2, comment: "changed my mind" });
    const mine = await db.vote.findMany({ where: { revisionId: p!.revisionId, voterId: maintainers[0]! } });
    expect(mine.map((v) => v.value)).toEqual([2]);
    const trail = await db.auditEvent.findMany({
      where: { actorId: maintainers[0]!, action: { startsWith: "vote." }, targetId: String(p!.revisionId) },
    });
    expect(trail.length).toBe(4);
    expect(trail.filter((e) => e.action === "vote.change").length).toBeGreaterThanOrEqual(2);
  });

  it("refuses a vote on a revision that is no longer current, and greys earlier votes as stale", async () => {
    const p = await proposal("stale_fn");
    await castVote(maintainers[1]!, { ...p, value: 1, comment: "" });
    await saveRevision({
      pageId: p.pageId,
      baseRevisionId: p.revisionId,
      authorId: maintainers[2]!,
      summary: "more",
      text: "Changed.",
      fields,
    });
    await expect(castVote(maintainers[1]!, { ...p, value: 2, comment: "" })).rejects.toThrow(
      /Only the current revision/,
    );
    const review = (await getReview("stale_fn"))!;
    expect(review.votes.map((v) => v.stale)).toEqual([true]);
    expect(review.state.approvals).toBe(0);
  });

  it("records agreement only when the rule holds; concurrent recordings produce one agreement", async () => {
    const p = await proposal("agree_fn");
    await expect(recordAgreement(maintainers[1]!, p)).rejects.toThrow(
      /needs 2 more maintainers at \+1 or more; needs one more \+2; no veto/,
    );
    await castVote(maintainers[1]!, { ...p, value: 1, comment: "" });
    await castVote(maintainers[2]!, { ...p, value: 2, comment: "" });
    const attempts = await Promise.allSettled(maintainers.slice(1, 11).map((id) => recordAgreement(id, p)));
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    for (const a of attempts) if (a.status === "rejected") expect(a.reason).toBeInstanceOf(ReviewError);
    expect(await db.decision.count({ where: { revisionId: p.revisionId, kind: "agreed" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "decision.agreed", targetId: String(p.revisionId) } })).toBe(1);
    const fn = await db.function.findUniqueOrThrow({ where: { name: "agree_fn" }, include: { page: true } });
    expect([fn.status, fn.page!.agreedRevisionId]).toEqual(["agreed", p.revisionId]);
    // A new edit is pending against the agreed revision; the agreed one stays.
    const { revision } = await saveRevision({
      pageId: p.pageId,
      baseRevisionId: p.revisionId,
      authorId: maintainers[3]!,
      summary: "tweak",
      text: "About agree_fn, revised.",
      fields: { ...fields, asSafety: "unknown" },
    });
    const review = (await getReview("agree_fn"))!;
    expect(review.agreed?.number).toBe(1);
    expect(review.current.id).toBe(revision.id);
    expect(review.comparison.fields).toEqual({
      kind: "proposal",
      changes: [{ field: "AS-safety", from: "AS-safe", to: "unknown" }],
    });
    expect(review.votes.every((v) => v.stale)).toBe(true);
  });

  it("lets a −2 block recording", async () => {
    const p = await proposal("veto_fn");
    await castVote(maintainers[1]!, { ...p, value: 2, comment: "" });
    await castVote(maintainers[2]!, { ...p, value: 2, comment: "" });
    await castVote(maintainers[3]!, { ...p, value: -2, comment: "Not with the lock it takes." });
    await expect(recordAgreement(maintainers[1]!, p)).rejects.toThrow(/vetoed by a −2/);
    const dashboard = await reviewDashboard(maintainers[4]!, undefined);
    expect(dashboard.vetoed.map((d) => d.name)).toContain("veto_fn");
    expect(dashboard.awaitingMyVote.map((d) => d.name)).toContain("veto_fn");
    expect(dashboard.readyToRecord.map((d) => d.name)).not.toContain("veto_fn");
  });

  it("rejects with a reason; a new revision keeps it rejected until a maintainer reopens it", async () => {
    const p = await proposal("reject_fn");
    await rejectProposal(maintainers[1]!, { pageId: p.pageId, reason: "glibc cannot promise this." });
    expect((await db.function.findUniqueOrThrow({ where: { name: "reject_fn" } })).status).toBe("rejected");
    await expect(recordAgreement(maintainers[1]!, p)).rejects.toThrow(ReviewError);
    await saveRevision({
      pageId: p.pageId,
      baseRevisionId: p.revisionId,
      authorId: maintainers[2]!,
      summary: "narrower",
      text: "Narrower.",
      fields,
    });
    expect((await db.function.findUniqueOrThrow({ where: { name: "reject_fn" } })).status).toBe("rejected");
    const maintainer = {
      id: maintainers[2]!,
      role: "maintainer" as const,
      name: "Maintainer 2",
      projectIds: [],
      emailVerified: true,
    };
    await reopenProposal(maintainer, { pageId: p.pageId, reason: "Narrower now." });
    expect((await db.function.findUniqueOrThrow({ where: { name: "reject_fn" } })).status).toBe("proposed");
    await expect(reopenProposal(maintainer, { pageId: p.pageId, reason: "" })).rejects.toThrow(
      "The proposal is proposed; only a rejected or withdrawn one can be reopened.",
    );
    const events = await db.auditEvent.findMany({ where: { action: "decision.reopened" } });
    expect(events.map((e) => e.details)).toEqual([
      expect.objectContaining({ pageId: p.pageId, reason: "Narrower now." }),
    ]);
  });

  it("keeps the rule as an audited setting and exports the trail as CSV", async () => {
    await saveRule(maintainers[0]!, { minApprovals: 3, minStrongApprovals: 0, vetoBlocks: true });
    expect(await loadRule()).toEqual({ minApprovals: 3, minStrongApprovals: 0, vetoBlocks: true });
    await saveRule(maintainers[0]!, DEFAULT_RULE);
    const csv = await new Response(auditCsvStream({ action: "rule", page: 1 }, { withEmails: true })).text();
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("id,time,actor,action,target_type,target_id,details");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('"rule.change"');
  });
});
