import { db, type DbClient } from "@/lib/db";
import { compareRevisions } from "@/lib/pages/history";
import { functionPageRef } from "@/lib/pages/refs";
import { evaluateRule, loadRule } from "@/lib/review/rule";

const voter = { select: { id: true, name: true } } as const;

/**
 * Everything a review needs: the diff from the agreed revision to the current
 * one (or the whole content when nothing is agreed), every vote with whether
 * it is stale, and the rule's state on the current revision.
 */
export async function getReview(name: string, client: DbClient = db, options: { expand?: boolean } = {}) {
  const ref = await functionPageRef(name, client);
  if (!ref || ref.currentRevisionId === null) return null;
  const [current, agreed, rule, votes, decisions, fn] = await Promise.all([
    client.revision.findUniqueOrThrow({ where: { id: ref.currentRevisionId }, include: { author: voter } }),
    ref.agreedRevisionId === null
      ? null
      : client.revision.findUnique({ where: { id: ref.agreedRevisionId }, select: { number: true, createdAt: true } }),
    loadRule(client),
    client.vote.findMany({
      where: { revision: { pageId: ref.pageId } },
      include: { voter, revision: { select: { id: true, number: true } } },
      orderBy: [{ revision: { number: "desc" } }, { updatedAt: "desc" }],
    }),
    client.decision.findMany({
      where: { pageId: ref.pageId },
      include: { actor: voter, revision: { select: { number: true } } },
      orderBy: { createdAt: "desc" },
    }),
    client.function.findUniqueOrThrow({ where: { id: ref.functionId! }, select: { status: true } }),
  ]);
  const comparison = await compareRevisions(ref, agreed?.number ?? null, current.number, client, options);
  const currentVotes = votes.filter((v) => v.revisionId === current.id);
  return {
    ref,
    status: fn.status,
    current,
    agreed,
    comparison: comparison!,
    rule,
    state: evaluateRule(
      rule,
      currentVotes.map((v) => v.value),
    ),
    votes: votes.map((v) => ({ ...v, stale: v.revisionId !== current.id })),
    decisions,
    proposerId:
      (await client.revision.findFirst({ where: { pageId: ref.pageId, number: 1 }, select: { authorId: true } }))
        ?.authorId ?? null,
  };
}

export type Review = NonNullable<Awaited<ReturnType<typeof getReview>>>;
