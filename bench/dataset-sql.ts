// Bulk writes of the benchmark dataset: arrays of rows sent as unnest(…)
// parameters, a few thousand rows per statement.
import type pg from "pg";
import type { NeedRow } from "../lib/pages/fields";

export interface RevisionRow {
  id: number;
  pageId: number;
  number: number;
  parentId: number | null;
  authorId: number;
  summary: string;
  text: string;
  fields: unknown;
  size: number;
  createdAt: Date;
}

export interface VoteRow {
  revisionId: number;
  voterId: number;
  value: number;
  comment: string;
  at: Date;
}

async function inBatches<T>(rows: T[], size: number, write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/**
 * Inserts revisions with their final ids and parents (the table refuses
 * UPDATE), in id order so that every parent precedes its child, then points
 * each page at its last revision and copies proposal estimates to functions.
 */
export async function writeRevisions(
  client: pg.Client,
  rows: RevisionRow[],
  last: Map<number, RevisionRow>,
): Promise<void> {
  await inBatches(rows, 1_000, (batch) =>
    client.query(
      `INSERT INTO revisions (id, page_id, number, parent_id, author_id, summary, text, fields, size, created_at)
       SELECT id, page_id, number, parent_id, author_id, summary, text, fields::jsonb, size, created_at
       FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::int[], $6::text[], $7::text[],
         $8::text[], $9::int[], $10::timestamptz[])
         AS t(id, page_id, number, parent_id, author_id, summary, text, fields, size, created_at)`,
      [
        batch.map((r) => r.id),
        batch.map((r) => r.pageId),
        batch.map((r) => r.number),
        batch.map((r) => r.parentId),
        batch.map((r) => r.authorId),
        batch.map((r) => r.summary),
        batch.map((r) => r.text),
        batch.map((r) => JSON.stringify(r.fields)),
        batch.map((r) => r.size),
        batch.map((r) => r.createdAt.toISOString()),
      ],
    ),
  );
  await client.query(`SELECT setval(pg_get_serial_sequence('revisions', 'id'), (SELECT max(id) FROM revisions))`);
  const heads = [...last.values()];
  await client.query(
    `UPDATE pages p SET current_revision_id = v.rid FROM unnest($1::int[], $2::int[]) AS v(pid, rid)
      WHERE p.id = v.pid`,
    [heads.map((r) => r.pageId), heads.map((r) => r.id)],
  );
  await client.query(
    `UPDATE functions f SET
       estimate_kind = r.fields ->> 'implementationKind',
       estimate_as_safety = r.fields ->> 'asSafety',
       updated_at = r.created_at,
       status = CASE WHEN f.status = 'unrequested' THEN 'proposed' ELSE f.status END,
       status_changed_at = CASE WHEN f.status = 'unrequested' THEN (SELECT min(created_at) FROM
         revisions x WHERE x.page_id = p.id) ELSE f.status_changed_at END
     FROM pages p JOIN revisions r ON r.id = p.current_revision_id
     WHERE p.function_id = f.id AND p.id = ANY($1::int[])`,
    [heads.map((r) => r.pageId)],
  );
}

export async function writeNeeds(
  client: pg.Client,
  needs: { projectId: number; functionId: number; row: NeedRow; position: number }[],
): Promise<void> {
  await inBatches(needs, 5_000, (batch) =>
    client.query(
      `INSERT INTO needs (project_id, function_id, priority, rationale, context, position)
       SELECT project_id, function_id, priority::"Priority", rationale, context, position
       FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::int[]) AS
         t(project_id, function_id, priority, rationale, context, position)`,
      [
        batch.map((n) => n.projectId),
        batch.map((n) => n.functionId),
        batch.map((n) => n.row.priority),
        batch.map((n) => n.row.rationale),
        batch.map((n) => n.row.context),
        batch.map((n) => n.position),
      ],
    ),
  );
}

export async function writeVotes(client: pg.Client, votes: VoteRow[]): Promise<void> {
  await inBatches(votes, 10_000, (batch) =>
    client.query(
      `INSERT INTO votes (revision_id, voter_id, value, comment, created_at, updated_at)
       SELECT revision_id, voter_id, value, comment, at, at
       FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::timestamptz[]) AS t(revision_id,
         voter_id, value, comment, at)`,
      [
        batch.map((v) => v.revisionId),
        batch.map((v) => v.voterId),
        batch.map((v) => v.value),
        batch.map((v) => v.comment),
        batch.map((v) => v.at.toISOString()),
      ],
    ),
  );
}

export interface DecisionRow {
  pageId: number;
  functionId: number;
  revisionId: number;
  kind: "agreed" | "rejected";
  actorId: number;
  reason: string;
  at: Date;
}

/**
 * Inserts agreements and rejections as recordAgreement and rejectProposal
 * leave them: the decision, the page's agreed revision (agreements), and the
 * function's status.
 */
export async function writeDecisions(client: pg.Client, decisions: DecisionRow[]): Promise<void> {
  await client.query(
    `INSERT INTO decisions (page_id, revision_id, kind, actor_id, reason, created_at)
     SELECT page_id, revision_id, kind::"DecisionKind", actor_id, reason, created_at
     FROM unnest($1::int[], $2::int[], $3::text[], $4::int[], $5::text[], $6::timestamptz[]) AS
       t(page_id, revision_id, kind, actor_id, reason, created_at)`,
    [
      decisions.map((d) => d.pageId),
      decisions.map((d) => d.revisionId),
      decisions.map((d) => d.kind),
      decisions.map((d) => d.actorId),
      decisions.map((d) => d.reason),
      decisions.map((d) => d.at.toISOString()),
    ],
  );
  const agreed = decisions.filter((d) => d.kind === "agreed");
  await client.query(
    `UPDATE pages p SET agreed_revision_id = v.rid FROM unnest($1::int[], $2::int[]) AS v(pid, rid) WHERE p.id = v.pid`,
    [agreed.map((d) => d.pageId), agreed.map((d) => d.revisionId)],
  );
  await client.query(
    `UPDATE functions f SET status = v.kind::"FunctionStatus", status_changed_at = v.at, updated_at =
      GREATEST(f.updated_at, v.at)
     FROM unnest($1::int[], $2::text[], $3::timestamptz[]) AS v(fid, kind, at) WHERE f.id = v.fid`,
    [decisions.map((d) => d.functionId), decisions.map((d) => d.kind), decisions.map((d) => d.at.toISOString())],
  );
}
