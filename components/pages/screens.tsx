import Link from "next/link";
import { notFound } from "next/navigation";
import { CompareView } from "@/components/pages/compare-view";
import { HistoryView } from "@/components/pages/history-view";
import { RevisionView } from "@/components/pages/revision-view";
import { can } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";
import { compareRevisions, getRevision, listRevisions } from "@/lib/pages/history";
import { editPermissionOf } from "@/lib/pages/kinds";
import { functionPageRef, projectPageRef, type ExistingPage } from "@/lib/pages/refs";
import { currentRevisionNumber } from "@/lib/pages/data";

// The history, diff and revision screens, shared by function proposals and
// project needs lists; the routes only resolve which page is meant.

type Search = Record<string, string | string[] | undefined>;

/** What Next hands a route under /functions/[name] and /projects/[slug]. */
export type FunctionRoute<P = object> = { params: Promise<{ name: string } & P>; searchParams: Promise<Search> };
export type ProjectRoute<P = object> = { params: Promise<{ slug: string } & P>; searchParams: Promise<Search> };

/** The proposal page of the function the URL names, or a 404. */
export async function functionPageOf(params: FunctionRoute["params"]): Promise<ExistingPage> {
  return (await functionPageRef(decodeURIComponent((await params).name))) ?? notFound();
}

/** The needs-list page of the project the URL names, or a 404. */
export async function projectPageOf(params: ProjectRoute["params"]): Promise<ExistingPage> {
  return (await projectPageRef((await params).slug)) ?? notFound();
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const positive = (value: string | string[] | undefined) => {
  const n = Number(one(value));
  return Number.isInteger(n) && n > 0 ? n : null;
};

const currentNumber = (page: ExistingPage) => currentRevisionNumber(page.currentRevisionId);

function Crumbs({ page, here }: { page: ExistingPage; here: string }) {
  return (
    <>
      <p className="muted small">
        <Link href={page.basePath}>{page.title}</Link> / {here}
      </p>
    </>
  );
}

export async function HistoryScreen({ page, search }: { page: ExistingPage; search: Search }) {
  const [history, current] = await Promise.all([
    listRevisions(page.pageId, { before: positive(search.before) ?? undefined }),
    currentNumber(page),
  ]);
  return (
    <>
      <Crumbs page={page} here="history" />
      <div className="actions">
        <h1 style={{ marginRight: "auto" }}>History of {page.title}</h1>
        <a href={`${page.basePath}/history/atom`} className="small">
          Atom feed
        </a>
      </div>
      {history.revisions.length ? (
        <HistoryView page={page} history={history} currentNumber={current} />
      ) : (
        <p className="muted">No revisions yet.</p>
      )}
    </>
  );
}

export async function DiffScreen({ page, search }: { page: ExistingPage; search: Search }) {
  const current = await currentNumber(page);
  const to = positive(search.to) ?? current;
  const fromParam = one(search.from);
  const from = fromParam === undefined ? (to > 1 ? to - 1 : null) : positive(fromParam);
  if (!to || (fromParam !== undefined && from === null)) notFound();
  const expanded = one(search.expand) === "1";
  const comparison = await compareRevisions(page, from, to, undefined, { expand: expanded });
  if (!comparison) notFound();
  const view = one(search.view) === "inline" ? "inline" : "side";
  return (
    <>
      <Crumbs page={page} here="difference between revisions" />
      <h1>{page.title}: difference between revisions</h1>
      <CompareView page={page} comparison={comparison} view={view} expanded={expanded} />
    </>
  );
}

export async function RevisionScreen({ page, number }: { page: ExistingPage; number: string }) {
  const n = positive(number);
  const [revision, current, actor] = await Promise.all([
    n ? getRevision(page.pageId, n) : null,
    currentNumber(page),
    currentActor(),
  ]);
  if (!revision) notFound();
  return (
    <>
      <Crumbs page={page} here={`revision ${revision.number}`} />
      <h1>
        {page.title}, revision {revision.number}
      </h1>
      <RevisionView
        page={page}
        revision={revision}
        currentNumber={current}
        canEdit={can(actor, editPermissionOf(page))}
      />
    </>
  );
}
