// The peer page: the content ../shared/peer/mediawiki.sh gives MediaWiki, made
// by the same generator (its make_content, ported line for line from awk), so
// that the two sites serve the same text. A 2,000-line page with a heading
// every 100 lines, edited 200 times by Alice, Bob and Carol in turn (revision
// r changes 1–5 list lines at the script's positions), plus, every 4
// revisions, a review note. MediaWiki makes each note a small page of its own;
// here it is a comment on the peer page by the same user with the same text,
// so that /recent mixes edits and comments as Special:RecentChanges mixes the
// big page's edits and the notes' creations. Written in bulk, as
// bench/dataset.ts writes its rows.
import type pg from "pg";
import {
  AS_SAFETY_ESTIMATES,
  DEFAULT_GUARANTEE,
  IMPLEMENTATION_KINDS,
  proposalFieldsSchema,
} from "../lib/pages/fields";
import { revisionSize } from "../lib/pages/revisions";
import { writeRevisions, type RevisionRow } from "./dataset-sql";

/** The function whose proposal page holds the peer text (MediaWiki's `Requirements_specification`). */
export const PEER_FUNCTION = "requirements_specification";
/** MediaWiki's title of the page, as the review notes spell it. */
const PEER_TITLE = "Requirements specification";
export const PEER = { lines: 2_000, edits: 200, noteEvery: 4, diffFrom: 10, diffTo: 150 } as const;
/** mediawiki.sh's USERS, as maintainers of the bench database. */
const PEER_USERS = ["Alice", "Bob", "Carol"] as const;

const pad = (value: number, width: number) => String(value).padStart(width, "0");
const PRIORITY = ["must", "should", "could"] as const;

/** The first revision: awk's `split("must should could")` is 1-based, so `pr[i % 3 + 1]` is PRIORITY[i % 3]. */
export function initialLines(): string[] {
  const lines: string[] = [];
  for (let i = 1; i <= PEER.lines; i++) {
    const area = Math.floor(i / 100) + 1;
    lines.push(
      i % 100 === 1
        ? `== Area ${pad(area, 2)}: subsystem ${area} ==`
        : `* REQ-${pad(i, 4)} [${PRIORITY[i % 3]}] The system shall process request type ${i} within ` +
            `${((i * 37) % 1000) + 10} ms and log it to channel ${i % 17}.`,
    );
  }
  return lines;
}

/** The 1-based line numbers revision r changes: k = 1 + (r·7) mod 5 positions, headings skipped. */
export function changedLines(r: number): Set<number> {
  const changed = new Set<number>();
  const k = 1 + ((r * 7) % 5);
  for (let j = 0; j < k; j++) {
    let p = 1 + ((r * 7919 + j * 104729 + r * j * 31) % PEER.lines);
    if (p % 100 === 1) p++;
    changed.add(p);
  }
  return changed;
}

/** Revision r's text from revision r − 1's lines (edits `lines` in place). */
export function revise(lines: string[], r: number): void {
  for (const n of changedLines(r))
    lines[n - 1] =
      `* REQ-${pad(n, 4)} [must] The system shall process request type ${n} within ` +
      `${((n * 37 + r * 13) % 1000) + 10} ms (revised in r${r}).`;
}

/** Note n (after revision 4n) by `user`, as mediawiki.sh's printf writes it. */
export function reviewNote(n: number, user: string, r: number): string {
  const outcome = n % 2 === 0 ? "accepted" : "changes requested";
  return (
    `Review note ${n} by ${user}.\n\n* Checked [[${PEER_TITLE}]] after revision r${r}.\n` +
    `* Outcome: ${outcome}.\n* Follow-up: note ${n + 1}.`
  );
}

/**
 * MediaWiki stores what edit.php read minus trailing whitespace (its pre-save transform), so the
 * stored text is the lines joined without the file's final newline.
 */
const stored = (lines: string[]) => lines.join("\n");

export interface PeerSummary {
  functionName: string;
  revisions: number;
  comments: number;
  /** Bytes of the current revision's text. */
  textBytes: number;
  seconds: number;
}

/**
 * Writes the peer page into the bench database: three maintainers, a function, its proposal page with
 * 201 revisions (the first and 200 edits) and 50 comments. Its events are the newest of the database,
 * so /recent shows them on top, as Special:RecentChanges does on the wiki.
 */
export async function seedPeerPage(client: pg.Client): Promise<PeerSummary> {
  const started = performance.now();
  await client.query("BEGIN");
  try {
    const { rows: users } = await client.query<{ id: number; name: string }>(
      `INSERT INTO users (email, name, role, created_at)
       SELECT lower(n) || '@peer.afterfork.test', n, 'maintainer', now() - interval '30 days'
       FROM unnest($1::text[]) AS n RETURNING id, name`,
      [[...PEER_USERS]],
    );
    const userId = new Map(users.map((u) => [u.name, u.id]));
    const { rows: fn } = await client.query<{ id: number }>(
      `INSERT INTO functions (name, status, created_at) VALUES ($1, 'proposed', now() - interval '30 days')
       RETURNING id`,
      [PEER_FUNCTION],
    );
    const { rows: page } = await client.query<{ id: number }>(
      `INSERT INTO pages (kind, function_id, created_at) VALUES ('proposal', $1, now() - interval '30 days')
       RETURNING id`,
      [fn[0]!.id],
    );
    const pageId = page[0]!.id;
    // After every event already in the database (the dataset's votes reach up to a second before its
    // start), ending now or, if that leaves too little room, a few seconds after it.
    const { rows: latest } = await client.query<{ at: Date; next_id: number }>(
      `SELECT GREATEST((SELECT max(created_at) FROM revisions), (SELECT max(updated_at) FROM votes),
         (SELECT max(created_at) FROM decisions), (SELECT max(created_at) FROM comments), now() - interval '1 hour')
         AS at, (SELECT COALESCE(max(id), 0) + 1 FROM revisions)::int AS next_id`,
    );
    const events = PEER.edits + 1 + PEER.edits / PEER.noteEvery;
    const from = latest[0]!.at.getTime() + 1;
    const step = Math.max(10, Math.floor((Date.now() - from) / (events + 1)));
    let at = from;
    const tick = () => new Date((at += step));

    const fields = proposalFieldsSchema.parse({
      guarantee: DEFAULT_GUARANTEE,
      implementationKind: IMPLEMENTATION_KINDS[0],
      implementationNote: "",
      asSafety: AS_SAFETY_ESTIMATES[0],
    });
    const rows: RevisionRow[] = [];
    const comments: { authorId: number; body: string; at: Date }[] = [];
    const lines = initialLines();
    let nextId = latest[0]!.next_id;
    const append = (user: string, summary: string) => {
      const text = stored(lines);
      rows.push({
        id: nextId++,
        pageId,
        number: rows.length + 1,
        parentId: rows.at(-1)?.id ?? null,
        authorId: userId.get(user)!,
        summary,
        text,
        fields,
        size: revisionSize(text, fields),
        createdAt: tick(),
      });
    };
    append(PEER_USERS[0], "Initial requirements");
    for (let r = 1; r <= PEER.edits; r++) {
      revise(lines, r);
      const user = PEER_USERS[r % 3]!;
      append(user, `Revise requirements (r${r})`);
      if (r % PEER.noteEvery === 0)
        comments.push({ authorId: userId.get(user)!, body: reviewNote(r / PEER.noteEvery, user, r), at: tick() });
    }
    // 201 texts of ~190 KB: a few statements of 20 rows keep each under 4 MB of parameters.
    for (let i = 0; i < rows.length; i += 20) {
      const batch = rows.slice(i, i + 20);
      await writeRevisions(client, batch, new Map([[pageId, batch.at(-1)!]]));
    }
    await client.query(
      `INSERT INTO comments (page_id, author_id, body, created_at)
       SELECT $1, author_id, body, at FROM unnest($2::int[], $3::text[], $4::timestamptz[]) AS t(author_id, body, at)`,
      [pageId, comments.map((c) => c.authorId), comments.map((c) => c.body), comments.map((c) => c.at.toISOString())],
    );
    await client.query("COMMIT");
    await client.query("ANALYZE revisions");
    return {
      functionName: PEER_FUNCTION,
      revisions: rows.length,
      comments: comments.length,
      textBytes: Buffer.byteLength(rows.at(-1)!.text),
      seconds: (performance.now() - started) / 1000,
    };
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}
