// Seeds a large synthetic dataset next to the normal seed, in bulk: rows are
// generated here and sent with INSERT … SELECT FROM unnest(…), a few thousand
// per statement, instead of one save at a time through lib/pages/revisions.
// The result still satisfies what the app relies on: each page's revisions
// form one chain (numbers 1..n, parent = previous), pages point at their last
// revision, needs rows mirror each needs page's current revision, and
// functions carry their current proposal's estimate.
import pg from "pg";
import { needsFieldsSchema, proposalFieldsSchema, type NeedRow, type ProposalFields } from "../lib/pages/fields";
import { revisionSize } from "../lib/pages/revisions";
import {
  between,
  editProposal,
  longTexts,
  needRow,
  paragraph,
  pick,
  proposalFields,
  sentence,
  type Random,
} from "./content";
import {
  writeDecisions,
  writeNeeds,
  writeRevisions,
  writeVotes,
  type DecisionRow,
  type RevisionRow,
  type VoteRow,
} from "./dataset-sql";
import { rng } from "./stats";

export const DATASET = {
  projects: 50,
  needsPerProject: 40,
  revisions: 20_000,
  proposalPages: 1_200,
  votes: 50_000,
  maintainers: 50,
  historyRevisions: 1_000,
  diffLines: 2_000,
  diffChangedLines: 20,
  /** Proposals agreed (some at the revision before their current one, so a change is pending) and rejected. */
  agreed: 400,
  rejected: 50,
} as const;

/** The function page measured; left out of the decisions so that its page stays the same from run to run. */
export const FUNCTION_PAGE = "setgroups";

export interface DatasetSummary {
  historyFunction: string;
  diffFunction: string;
  counts: {
    functions: number;
    projects: number;
    needs: number;
    revisions: number;
    proposalPages: number;
    votes: number;
    users: number;
    agreed: number;
    rejected: number;
  };
  seconds: number;
}

const DAY = 86_400_000;

interface FunctionRow {
  id: number;
  name: string;
  page_id: number | null;
  head_id: number | null;
  head_number: number | null;
  head_text: string | null;
  head_fields: unknown;
  head_at: Date | null;
}

/** The end of a page's chain while it is being extended. */
interface Head {
  pageId: number;
  id: number | null;
  number: number;
}

class RevisionLog {
  readonly rows: RevisionRow[] = [];
  readonly last = new Map<number, RevisionRow>();
  constructor(private nextId: number) {}

  append(head: Head, authorId: number, summary: string, text: string, fields: unknown, createdAt: Date): RevisionRow {
    const row: RevisionRow = {
      id: this.nextId++,
      pageId: head.pageId,
      number: head.number + 1,
      parentId: head.id,
      authorId,
      summary,
      text,
      fields,
      size: revisionSize(text, fields),
      createdAt,
    };
    head.id = row.id;
    head.number = row.number;
    this.rows.push(row);
    this.last.set(row.pageId, row);
    return row;
  }
}

/** `count` increasing instants between `start` and `end`. */
function timeline(random: Random, count: number, start: number, end: number): Date[] {
  const steps = Array.from({ length: count }, () => 0.1 + random());
  const total = steps.reduce((a, b) => a + b, 0);
  let t = start;
  return steps.map((step) => new Date(Math.floor((t += (step / total) * (end - start) * 0.98))));
}

function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const FUNCTIONS_SQL = `
  SELECT f.id, f.name, p.id AS page_id, p.current_revision_id AS head_id, r.number AS head_number,
    r.text AS head_text, r.fields AS head_fields, r.created_at AS head_at
  FROM functions f LEFT JOIN pages p ON p.function_id = f.id LEFT JOIN revisions r ON r.id = p.current_revision_id
  ORDER BY f.name`;

async function createMaintainers(client: pg.Client): Promise<number[]> {
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO users (email, name, role, created_at)
     SELECT format('bench-maintainer-%s@afterfork.test', lpad(i::text, 2, '0')),
       format('Bench Maintainer %s', lpad(i::text, 2, '0')), 'maintainer', now() - interval '800 days'
     FROM generate_series(1, $1::int) i RETURNING id`,
    [DATASET.maintainers],
  );
  return rows.map((r) => r.id);
}

async function createProjects(
  client: pg.Client,
): Promise<{ page_id: number; project_id: number; head_id: number | null }[]> {
  await client.query(
    `INSERT INTO projects (slug, name, description, created_at)
     SELECT format('bench-%s', lpad(i::text, 2, '0')), format('Bench project %s', lpad(i::text, 2,
       '0')), 'Synthetic project of the benchmark dataset.', now() - interval '800 days'
     FROM generate_series(1, $1::int - (SELECT count(*) FROM projects)::int) i`,
    [DATASET.projects],
  );
  await client.query(
    `INSERT INTO pages (kind, project_id, created_at) SELECT 'needs', pr.id, pr.created_at FROM
      projects pr WHERE NOT EXISTS (SELECT 1 FROM pages p WHERE p.project_id = pr.id)`,
  );
  const { rows } = await client.query<{ page_id: number; project_id: number; head_id: number | null }>(
    `SELECT id AS page_id, project_id, current_revision_id AS head_id FROM pages WHERE kind = 'needs'
      ORDER BY project_id`,
  );
  return rows;
}

/**
 * Needs lists of 35–45 rows (1–4 revisions each) for every project without one; popular functions
 * are needed by many projects.
 */
async function seedNeeds(
  client: pg.Client,
  random: Random,
  log: RevisionLog,
  authors: number[],
  candidates: FunctionRow[],
  now: number,
): Promise<void> {
  const popularity = shuffled(random, candidates);
  const needs: { projectId: number; functionId: number; row: NeedRow; position: number }[] = [];
  for (const page of await createProjects(client)) {
    if (page.head_id !== null) continue; // linted's seeded list stays as it is
    const chosen = new Set<FunctionRow>();
    const size = between(random, DATASET.needsPerProject - 5, DATASET.needsPerProject + 5);
    while (chosen.size < size) chosen.add(popularity[Math.floor(popularity.length * random() ** 2)]!);
    const final = [...chosen].map((fn) => needRow(random, fn.name));
    const revisions = between(random, 1, 4);
    const times = timeline(random, revisions, now - 700 * DAY, now);
    const head: Head = { pageId: page.page_id, id: null, number: 0 };
    for (let k = 1; k <= revisions; k++) {
      const rows =
        k === revisions
          ? final
          : final
              .slice(0, Math.ceil((final.length * k) / revisions))
              .map((r) => (random() < 0.2 ? needRow(random, r.function) : r));
      log.append(
        head,
        pick(random, authors),
        k === 1 ? "Needs list" : sentence(random, 3, 6),
        paragraph(random),
        needsFieldsSchema.parse({ rows }),
        times[k - 1]!,
      );
    }
    const ids = new Map([...chosen].map((fn) => [fn.name, fn.id]));
    final.forEach((row, position) =>
      needs.push({ projectId: page.project_id, functionId: ids.get(row.function)!, row, position }),
    );
  }
  await writeNeeds(client, needs);
  // As syncNeeds does: a required function becomes `proposed` and gets a (still empty) proposal page.
  const required = [...new Set(needs.filter((n) => n.row.priority === "required").map((n) => n.functionId))];
  await client.query(
    `UPDATE functions SET status = 'proposed', status_changed_at = now(), updated_at = now() WHERE id =
      ANY($1::int[]) AND status = 'unrequested'`,
    [required],
  );
  await client.query(
    `INSERT INTO pages (kind, function_id) SELECT 'proposal', f.id FROM functions f WHERE f.id =
      ANY($1::int[]) AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.function_id = f.id)`,
    [required],
  );
}

async function ensureProposalPages(client: pg.Client, fns: FunctionRow[]): Promise<void> {
  const missing = fns.filter((fn) => fn.page_id === null);
  const { rows } = await client.query<{ id: number; function_id: number }>(
    `INSERT INTO pages (kind, function_id, created_at) SELECT 'proposal', id, now() - interval
      '750 days' FROM unnest($1::int[]) AS id RETURNING id, function_id`,
    [missing.map((fn) => fn.id)],
  );
  const pages = new Map(rows.map((r) => [r.function_id, r.id]));
  for (const fn of missing) fn.page_id = pages.get(fn.id)!;
}

/** Extends a proposal page by `count` revisions: prose edits and occasional estimate changes. */
function extendProposal(
  random: Random,
  log: RevisionLog,
  authors: number[],
  fn: FunctionRow,
  count: number,
  now: number,
): void {
  const head: Head = { pageId: fn.page_id!, id: fn.head_id, number: fn.head_number ?? 0 };
  let paragraphs = fn.head_text
    ? fn.head_text.split("\n\n")
    : Array.from({ length: between(random, 2, 5) }, () => paragraph(random));
  let fields: ProposalFields = fn.head_fields ? proposalFieldsSchema.parse(fn.head_fields) : proposalFields(random);
  const start = fn.head_at ? fn.head_at.getTime() : now - between(random, 30, 700) * DAY;
  const times = timeline(random, count, start, now);
  for (let k = 0; k < count; k++) {
    if (head.number > 0) ({ paragraphs, fields } = editProposal(random, paragraphs, fields));
    const summary = head.number === 0 ? "Proposal" : sentence(random, 3, 7);
    log.append(
      head,
      pick(random, authors),
      summary,
      paragraphs.join("\n\n"),
      proposalFieldsSchema.parse(fields),
      times[k]!,
    );
  }
}

/** Revisions per page: at least one each, the rest spread with a heavy tail. */
function spread(random: Random, pages: number, total: number): number[] {
  const counts = Array.from({ length: pages }, () => 1);
  const extra = Math.max(0, total - pages);
  const weights = counts.map(() => random() ** 3);
  const sum = weights.reduce((a, b) => a + b, 0);
  weights.forEach((w, i) => (counts[i]! += Math.floor((extra * w) / sum)));
  for (let left = total - counts.reduce((a, b) => a + b, 0); left > 0; left--) counts[Math.floor(random() * pages)]!++;
  return counts;
}

function sampleVotes(
  random: Random,
  log: RevisionLog,
  proposalPages: Set<number>,
  voters: number[],
  now: number,
): VoteRow[] {
  const revisions = log.rows.filter((r) => proposalPages.has(r.pageId));
  const current = new Set([...log.last.values()].map((r) => r.id));
  const votes: VoteRow[] = [];
  const voted = new Set<number>();
  const values = [-2, -1, -1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2];
  const vote = (revision: RevisionRow, wanted: number) => {
    voted.add(revision.id);
    for (const voterId of shuffled(random, voters).slice(0, Math.min(wanted, DATASET.votes - votes.length))) {
      const at = new Date(Math.min(now - 1000, revision.createdAt.getTime() + Math.floor(random() * 3 * DAY)));
      votes.push({
        revisionId: revision.id,
        voterId,
        value: pick(random, values),
        comment: random() < 0.2 ? sentence(random, 4, 10) : "",
        at,
      });
    }
  };
  for (const revision of revisions)
    if (current.has(revision.id) && votes.length < DATASET.votes) vote(revision, between(random, 5, 25));
  while (votes.length < DATASET.votes && voted.size < revisions.length) {
    const revision = pick(random, revisions);
    if (!voted.has(revision.id)) vote(revision, between(random, 1, 10));
  }
  return votes;
}

/**
 * Agreements and rejections: DATASET.agreed proposals agreed (three in ten at
 * the revision before their current one, so a change waits for review),
 * DATASET.rejected rejected at their current revision, and the diff page
 * agreed at revision 1, so its review page shows the 2,000-line change 1→2.
 * A generator of its own keeps the rest of the dataset as it was.
 */
function planDecisions(
  random: Random,
  log: RevisionLog,
  proposals: FunctionRow[],
  diffFn: FunctionRow,
  actors: number[],
  now: number,
): DecisionRow[] {
  const byId = new Map(log.rows.map((r) => [r.id, r]));
  const decisions: DecisionRow[] = [];
  const decide = (fn: FunctionRow, revision: RevisionRow, kind: DecisionRow["kind"], before: number) => {
    const at = new Date(
      Math.floor(
        revision.createdAt.getTime() +
          random() * Math.max(0, Math.min(before, now - 1000) - revision.createdAt.getTime()),
      ),
    );
    decisions.push({
      pageId: revision.pageId,
      functionId: fn.id,
      revisionId: revision.id,
      kind,
      actorId: pick(random, actors),
      reason: kind === "rejected" ? sentence(random, 6, 14) : "",
      at,
    });
  };
  const candidates = shuffled(
    random,
    proposals.filter((fn) => fn.name !== FUNCTION_PAGE && log.last.has(fn.page_id!)),
  );
  for (const fn of candidates.slice(0, DATASET.agreed)) {
    const last = log.last.get(fn.page_id!)!;
    const previous = last.parentId === null ? undefined : byId.get(last.parentId);
    if (previous && random() < 0.3) decide(fn, previous, "agreed", last.createdAt.getTime() - 1000);
    else decide(fn, last, "agreed", last.createdAt.getTime() + 3 * DAY);
  }
  for (const fn of candidates.slice(DATASET.agreed, DATASET.agreed + DATASET.rejected)) {
    const last = log.last.get(fn.page_id!)!;
    decide(fn, last, "rejected", last.createdAt.getTime() + 3 * DAY);
  }
  const diffLast = log.last.get(diffFn.page_id!)!;
  decide(diffFn, byId.get(diffLast.parentId!)!, "agreed", diffLast.createdAt.getTime() - 1000);
  return decisions;
}

export async function seedDataset(url: string, say: (line: string) => void): Promise<DatasetSummary> {
  const started = performance.now();
  const random = rng(20_261_127);
  const now = Date.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    const authors = await createMaintainers(client);
    const { rows: maxRows } = await client.query<{ max: number; count: number }>(
      `SELECT COALESCE(max(id), 0)::int AS max, count(*)::int AS count FROM revisions`,
    );
    const log = new RevisionLog(maxRows[0]!.max + 1);
    const seeded = await client.query<FunctionRow>(FUNCTIONS_SQL);
    const free = seeded.rows.filter((fn) => fn.page_id === null);
    const historyName = (free.find((fn) => fn.name === "malloc") ?? free[0]!).name;
    const diffName = (
      free.find((fn) => fn.name === "qsort" && fn.name !== historyName) ?? free.find((fn) => fn.name !== historyName)!
    ).name;
    await seedNeeds(
      client,
      random,
      log,
      authors,
      seeded.rows.filter((fn) => fn.name !== historyName && fn.name !== diffName),
      now,
    );

    const fns = (await client.query<FunctionRow>(FUNCTIONS_SQL)).rows;
    const historyFn = fns.find((fn) => fn.name === historyName)!;
    const diffFn = fns.find((fn) => fn.name === diffName)!;
    const others = fns.filter((fn) => fn !== historyFn && fn !== diffFn);
    const withPage = others.filter((fn) => fn.page_id !== null);
    const proposals = [
      ...withPage,
      ...shuffled(
        random,
        others.filter((fn) => fn.page_id === null),
      ).slice(0, Math.max(0, DATASET.proposalPages - withPage.length)),
    ];
    await ensureProposalPages(client, [...proposals, historyFn, diffFn]);

    const budget = DATASET.revisions - maxRows[0]!.count - log.rows.length - DATASET.historyRevisions - 2;
    spread(random, proposals.length, budget).forEach((count, i) =>
      extendProposal(random, log, authors, proposals[i]!, count, now),
    );
    extendProposal(random, log, authors, historyFn, DATASET.historyRevisions, now);
    const texts = longTexts(random, DATASET.diffLines, DATASET.diffChangedLines);
    const fields = proposalFields(random);
    const diffHead: Head = { pageId: diffFn.page_id!, id: null, number: 0 };
    log.append(diffHead, authors[0]!, "Proposal", texts.before, fields, new Date(now - 2 * DAY));
    log.append(
      diffHead,
      authors[1]!,
      "Scattered corrections",
      texts.after,
      { ...fields, implementationNote: "Reviewed line by line." },
      new Date(now - DAY),
    );

    await writeRevisions(client, log.rows, log.last);
    const proposalPages = new Set([...proposals, historyFn, diffFn].map((fn) => fn.page_id!));
    const votes = sampleVotes(random, log, proposalPages, authors, now);
    await writeVotes(client, votes);
    await writeDecisions(client, planDecisions(rng(20_261_128), log, proposals, diffFn, authors, now));
    await client.query("COMMIT");
    await client.query("ANALYZE");
    say(
      `Dataset: ${log.rows.length.toLocaleString("en")} revisions, ${votes.length.toLocaleString("en")} ` +
        `votes and ${DATASET.agreed + DATASET.rejected + 1} decisions written.`,
    );
    await verifyDataset(client);
    const counts = await countRows(client);
    return {
      historyFunction: historyName,
      diffFunction: diffName,
      counts,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await client.end();
  }
}

/** Checks the invariants the app relies on; throws if the dataset broke one. */
async function verifyDataset(client: pg.Client): Promise<void> {
  const checks: Record<string, string> = {
    "revisions whose parent is not the previous revision of the same page": `
      SELECT count(*)::int AS n FROM revisions c LEFT JOIN revisions p ON p.id = c.parent_id
      WHERE c.number > 1 AND (p.id IS NULL OR p.page_id <> c.page_id OR p.number <> c.number - 1)`,
    "pages whose current revision is not their last": `
      SELECT count(*)::int AS n FROM pages pg LEFT JOIN revisions r ON r.id = pg.current_revision_id
      WHERE (SELECT max(number) FROM revisions x WHERE x.page_id = pg.id) IS DISTINCT FROM r.number OR
        r.page_id <> pg.id`,
    "needs rows that differ from their page's current revision": `
      SELECT (SELECT count(*) FROM needs)::int - count(n.project_id)::int + count(*) FILTER (WHERE
        n.project_id IS NULL)::int AS n
      FROM pages pg JOIN revisions r ON r.id = pg.current_revision_id
      CROSS JOIN LATERAL jsonb_array_elements(r.fields -> 'rows') WITH ORDINALITY AS e(row, pos)
      LEFT JOIN functions f ON f.name = e.row ->> 'function'
      LEFT JOIN needs n ON n.project_id = pg.project_id AND n.function_id = f.id AND n.priority::text =
        e.row ->> 'priority'
        AND n.rationale = e.row ->> 'rationale' AND n.context = e.row ->> 'context' AND n.position = e.pos - 1
      WHERE pg.kind = 'needs'`,
    "functions whose estimate differs from their current proposal": `
      SELECT count(*)::int AS n FROM functions f JOIN pages pg ON pg.function_id = f.id JOIN revisions
        r ON r.id = pg.current_revision_id
      WHERE f.estimate_kind IS DISTINCT FROM r.fields ->> 'implementationKind' OR f.estimate_as_safety
        IS DISTINCT FROM r.fields ->> 'asSafety' OR f.status = 'unrequested'`,
    "agreed functions without an agreed revision of their own page and its agreement": `
      SELECT count(*)::int AS n FROM functions f JOIN pages pg ON pg.function_id = f.id LEFT JOIN
        revisions r ON r.id = pg.agreed_revision_id
      WHERE f.status = 'agreed' AND (r.id IS NULL OR r.page_id <> pg.id OR NOT EXISTS (SELECT 1 FROM
        decisions d WHERE d.revision_id = r.id AND d.kind = 'agreed'))`,
    "decisions earlier than their revision": `
      SELECT count(*)::int AS n FROM decisions d JOIN revisions r ON r.id = d.revision_id WHERE
        d.created_at < r.created_at OR d.page_id <> r.page_id`,
  };
  for (const [what, sql] of Object.entries(checks)) {
    const { rows } = await client.query<{ n: number }>(sql);
    if (rows[0]!.n !== 0) throw new Error(`Dataset check failed: ${rows[0]!.n} ${what}.`);
  }
}

async function countRows(client: pg.Client): Promise<DatasetSummary["counts"]> {
  const { rows } = await client.query<DatasetSummary["counts"]>(`SELECT
    (SELECT count(*) FROM functions)::int AS functions, (SELECT count(*) FROM projects)::int AS projects,
    (SELECT count(*) FROM needs)::int AS needs, (SELECT count(*) FROM revisions)::int AS revisions,
    (SELECT count(*) FROM pages WHERE kind = 'proposal' AND current_revision_id IS NOT NULL)::int AS "proposalPages",
    (SELECT count(*) FROM votes)::int AS votes, (SELECT count(*) FROM users)::int AS users,
    (SELECT count(*) FROM functions WHERE status = 'agreed')::int AS agreed, (SELECT count(*) FROM
      functions WHERE status = 'rejected')::int AS rejected`);
  return rows[0]!;
}
