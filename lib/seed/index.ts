import { readFileSync } from "node:fs";
import path from "node:path";
import "@/lib/server/page-hooks";
import { db, type DbClient } from "@/lib/db";
import { ensureNeedsPage, ensureProposalPage, saveRevision } from "@/lib/pages/revisions";
import { importReachability } from "@/lib/reachability/import";
import { parseReachabilityTsv } from "@/lib/reachability/tsv";
import { importGlibcAnnotations, importPosixList } from "@/lib/reference/import";
import { parseGlibcManualTsv, parsePosixTsv } from "@/lib/reference/tsv";
import { LINTED_2014, LINTED_2017, PROJECTS, SYSTEM_USER, THREAD_ESTIMATES, THREAD_SUMMARY } from "@/lib/seed/content";
import { parseLinted2017, withLinted2017 } from "@/lib/seed/linted";
import { PROJECT_NEEDS, readNeedsTsv } from "@/lib/seed/project-needs";
import { readEvidenceTsv } from "@/lib/evidence/data-file";
import { importEvidence } from "@/lib/evidence/import";

export const DATA_DIR = path.join(process.cwd(), "data");
export const GLIBC_MANUAL_TSV = path.join(DATA_DIR, "reference", "glibc-manual-safety.tsv");
export const POSIX_TSV = path.join(DATA_DIR, "reference", "posix-async-signal-safe.tsv");
export const REACHABILITY_TSV = path.join(DATA_DIR, "reachability", "libc6_2.36-x86_64.tsv");
export const GLIBC_MANUAL_SOURCE = "glibc 04e750e75b73957cf1c791535a3f4319534a52fc (manual/*.texi)";
export const POSIX_SOURCE = "man-pages 451e17b26ade16dbdc9094222f32af113833899d (man7/signal-safety.7)";

/** The author of seeded content: an account that cannot sign in. */
export async function systemUser(client: DbClient = db) {
  return client.user.upsert({
    where: { email: SYSTEM_USER.email },
    create: { email: SYSTEM_USER.email, name: SYSTEM_USER.name, disabled: true },
    update: {},
  });
}

async function seedReferenceFacts(client: DbClient, log: (line: string) => void): Promise<void> {
  const done = await client.referenceImport.findMany({ select: { kind: true, source: true } });
  const has = (kind: string, source: string) => done.some((i) => i.kind === kind && i.source === source);
  if (!has("glibc_manual", GLIBC_MANUAL_SOURCE)) {
    const rows = parseGlibcManualTsv(
      readFileSync(GLIBC_MANUAL_TSV, "utf8"),
      path.relative(process.cwd(), GLIBC_MANUAL_TSV),
    );
    const report = await importGlibcAnnotations(
      rows,
      { source: GLIBC_MANUAL_SOURCE, origin: "data/reference/glibc-manual-safety.tsv" },
      client,
    );
    log(`glibc manual: ${report.total} functions (${report.added} added).`);
  }
  if (!has("posix_list", POSIX_SOURCE)) {
    const rows = parsePosixTsv(readFileSync(POSIX_TSV, "utf8"), path.relative(process.cwd(), POSIX_TSV));
    const report = await importPosixList(
      rows,
      { source: POSIX_SOURCE, origin: "data/reference/posix-async-signal-safe.tsv" },
      client,
    );
    log(`POSIX list: ${report.total} functions (${report.added} added).`);
  }
}

/** What the catalog's functions reach in Debian 12's libc (data/reachability/), once per build and source. */
async function seedReachability(client: DbClient, log: (line: string) => void): Promise<void> {
  const table = parseReachabilityTsv(
    readFileSync(REACHABILITY_TSV, "utf8"),
    path.relative(process.cwd(), REACHABILITY_TSV),
  );
  const done = await client.referenceImport.count({
    where: { kind: "glibc_binary", source: table.meta.source, origin: table.meta.library },
  });
  if (done > 0) return;
  const names = new Set((await client.function.findMany({ select: { name: true } })).map((f) => f.name));
  const results = new Map([...table.results].filter(([name]) => names.has(name)));
  const report = await importReachability(
    results,
    { source: table.meta.source, origin: table.meta.library, buildId: table.meta.buildId },
    client,
  );
  log(`libc reachability (build ${table.meta.buildId}): ${report.total} functions (${report.added} added).`);
}

const EVIDENCE_ORIGIN = "data/evidence/";

/** The evidence shipped in data/evidence/ (read from glibc's source), for the functions the catalog has. */
async function seedEvidence(client: DbClient, log: (line: string) => void): Promise<void> {
  const data = readEvidenceTsv();
  const latest = await client.referenceImport.findFirst({ where: { kind: "glibc_source" }, orderBy: { id: "desc" } });
  // Loaded once per data file; an import someone ran from their own checkout stays current.
  if (latest && (latest.source === data.source || !latest.origin.startsWith(EVIDENCE_ORIGIN))) return;
  const catalog = new Set((await client.function.findMany({ select: { name: true } })).map((f) => f.name));
  const report = await importEvidence(
    data.rows.filter((r) => catalog.has(r.function)),
    { source: data.source, origin: `${EVIDENCE_ORIGIN}${data.target}.tsv`, target: data.target },
    client,
  );
  log(`glibc source evidence: ${report.total} functions (${report.added} added).`);
}

async function seedThread(client: DbClient, authorId: number): Promise<void> {
  for (const item of THREAD_ESTIMATES) {
    const fn = await client.function.upsert({ where: { name: item.name }, create: { name: item.name }, update: {} });
    const page = await ensureProposalPage(client, fn.id);
    if (page.currentRevisionId !== null) continue;
    await saveRevision(
      {
        pageId: page.id,
        baseRevisionId: null,
        authorId,
        summary: THREAD_SUMMARY,
        text: item.text,
        fields: item.fields,
      },
      client,
    );
  }
}

async function seedLinted(client: DbClient, authorId: number): Promise<void> {
  const project = await client.project.findUniqueOrThrow({ where: { slug: "linted" } });
  const page = await ensureNeedsPage(client, project.id);
  if (page.currentRevisionId !== null) return;
  const { revision: first } = await saveRevision(
    {
      pageId: page.id,
      baseRevisionId: null,
      authorId,
      summary: LINTED_2014.summary,
      text: LINTED_2014.text,
      fields: { rows: LINTED_2014.rows },
    },
    client,
  );
  const rows2017 = parseLinted2017(readFileSync(path.join(DATA_DIR, "needs", "linted-2017.txt"), "utf8"));
  await saveRevision(
    {
      pageId: page.id,
      baseRevisionId: first.id,
      authorId,
      summary: LINTED_2017.summary,
      text: LINTED_2017.text,
      fields: { rows: withLinted2017(LINTED_2014.rows, rows2017) },
    },
    client,
  );
}

async function seedProjectNeeds(client: DbClient, authorId: number): Promise<void> {
  for (const item of PROJECT_NEEDS) {
    const project = await client.project.findUniqueOrThrow({ where: { slug: item.slug } });
    if (!project.caveats) await client.project.update({ where: { id: project.id }, data: { caveats: item.caveats } });
    const page = await ensureNeedsPage(client, project.id);
    if (page.currentRevisionId !== null) continue;
    const rows = readNeedsTsv(path.join(DATA_DIR, "needs"), item.files);
    await saveRevision(
      { pageId: page.id, baseRevisionId: null, authorId, summary: item.summary, text: item.text, fields: { rows } },
      client,
    );
  }
}

/** Seeds projects, reference facts, the 2014 thread and the projects' needs lists. Running it again changes nothing. */
export async function seed(client: DbClient = db, log: (line: string) => void = () => {}): Promise<void> {
  const system = await systemUser(client);
  for (const project of PROJECTS) {
    const row = await client.project.upsert({ where: { slug: project.slug }, create: { ...project }, update: {} });
    await ensureNeedsPage(client, row.id);
  }
  await seedReferenceFacts(client, log);
  await seedThread(client, system.id);
  await seedLinted(client, system.id);
  await seedProjectNeeds(client, system.id);
  await seedEvidence(client, log);
  await seedReachability(client, log);
}
