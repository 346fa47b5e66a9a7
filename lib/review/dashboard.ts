import { db, type DbClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { loadRule, type AgreementRule } from "@/lib/review/rule";

export interface OpenProposal {
  name: string;
  status: string;
  revisionNumber: number;
  approvals: number;
  strongApprovals: number;
  vetoes: number;
  votedByMe: boolean;
}

function ready(rule: AgreementRule, p: OpenProposal): boolean {
  return (
    p.approvals >= rule.minApprovals &&
    p.strongApprovals >= rule.minStrongApprovals &&
    !(rule.vetoBlocks && p.vetoes > 0)
  );
}

/**
 * A maintainer's review queue: what awaits their vote, what is vetoed, what can be recorded, what
 * was agreed lately.
 */
export async function reviewDashboard(maintainerId: number, project: string | undefined, client: DbClient = db) {
  const projectFilter = project
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM needs n JOIN projects pr ON pr.id = n.project_id
        WHERE n.function_id = f.id AND pr.slug = ${project})`
    : Prisma.empty;
  const [rows, rule, agreed] = await Promise.all([
    client.$queryRaw<
      {
        name: string;
        status: string;
        number: number;
        approvals: bigint;
        strong: bigint;
        vetoes: bigint;
        voted: boolean | null;
      }[]
    >`
      SELECT f.name, f.status::text AS status, r.number,
             count(v.id) FILTER (WHERE v.value >= 1) AS approvals,
             count(v.id) FILTER (WHERE v.value = 2) AS strong,
             count(v.id) FILTER (WHERE v.value = -2) AS vetoes,
             bool_or(v.voter_id = ${maintainerId}) AS voted
      FROM pages p
      JOIN functions f ON f.id = p.function_id
      JOIN revisions r ON r.id = p.current_revision_id
      LEFT JOIN votes v ON v.revision_id = p.current_revision_id
      WHERE p.kind = 'proposal' AND f.status NOT IN ('rejected', 'withdrawn')
        AND p.current_revision_id IS DISTINCT FROM p.agreed_revision_id ${projectFilter}
      GROUP BY f.name, f.status, r.number
      ORDER BY f.name`,
    loadRule(client),
    client.decision.findMany({
      where: {
        kind: "agreed",
        ...(project ? { page: { function: { needs: { some: { project: { slug: project } } } } } } : {}),
      },
      orderBy: { createdAt: "desc" },
      take: 20,
      include: {
        page: { select: { function: { select: { name: true } } } },
        revision: { select: { number: true } },
        actor: { select: { name: true } },
      },
    }),
  ]);
  const open: OpenProposal[] = rows.map((r) => ({
    name: r.name,
    status: r.status,
    revisionNumber: r.number,
    approvals: Number(r.approvals),
    strongApprovals: Number(r.strong),
    vetoes: Number(r.vetoes),
    votedByMe: r.voted === true,
  }));
  return {
    rule,
    awaitingMyVote: open.filter((p) => !p.votedByMe),
    vetoed: open.filter((p) => p.vetoes > 0),
    readyToRecord: open.filter((p) => ready(rule, p)),
    recentlyAgreed: agreed.map((d) => ({
      name: d.page.function?.name ?? "",
      revisionNumber: d.revision.number,
      by: d.actor.name,
      at: d.createdAt,
    })),
  };
}
