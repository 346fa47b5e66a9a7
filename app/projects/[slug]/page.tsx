import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { GlibcAsBadge, PriorityBadge, StatusBadge } from "@/components/badges";
import { DataTable } from "@/components/data-table";
import { RevisionByline } from "@/components/pages/revision-byline";
import { CoverageBar } from "@/components/coverage-bar";
import { Discussion } from "@/components/discussion";
import { coverageByProject, emptyCoverage } from "@/lib/projects/coverage";
import { WatchButton } from "@/components/watch-button";
import { MarkSeen } from "@/components/mark-seen";
import { isWatching } from "@/lib/watch/data";
import { RevisionProse } from "@/components/revision-prose";
import { can } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";
import { getProjectPage } from "@/lib/projects/data";

type Params = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: (await params).slug };
}

export default async function ProjectPage({ params, searchParams }: Params) {
  const { slug } = await params;
  const [project, actor, search, coverage] = await Promise.all([
    getProjectPage(slug),
    currentActor(),
    searchParams,
    coverageByProject(),
  ]);
  if (!project) notFound();
  const watching = actor && project.page ? await isWatching(actor.id, project.page.id) : false;
  const revision = project.page?.currentRevision ?? null;
  const reps = project.representatives.filter((r) => !r.user.disabled);
  return (
    <>
      <p className="muted small">
        <Link href="/projects">Projects</Link> /
      </p>
      <h1>{project.name}</h1>
      {search.merged ? (
        <div className="notice ok" role="status">
          Your edit was merged with a change saved meanwhile by someone else; both are kept.
        </div>
      ) : null}
      <p className="lead">{project.description}</p>
      {project.homepage ? (
        <p>
          <a href={project.homepage} rel="noopener noreferrer">
            {project.homepage}
          </a>
        </p>
      ) : null}
      {project.caveats ? (
        <div className="notice warn">
          <strong>About this data:</strong> {project.caveats}
        </div>
      ) : null}
      <p className="small">
        Representatives:{" "}
        {reps.length ? reps.map((r) => r.user.name).join(", ") : <span className="muted">none yet</span>}
      </p>
      <h2>Coverage of its required functions</h2>
      <CoverageBar
        coverage={coverage.get(project.slug) ?? emptyCoverage()}
        label={`${project.name}'s required functions`}
      />
      <div className="actions">
        <h2 id="needs-heading" style={{ marginRight: "auto" }}>
          Needs list
        </h2>
        {project.page ? <Link href={`/projects/${project.slug}/history`}>History</Link> : null}
        {actor && project.page ? <WatchButton pageId={project.page.id} watching={watching} /> : null}
        {watching && project.page ? <MarkSeen pageId={project.page.id} /> : null}
        {can(actor, { action: "needs.edit", projectId: project.id }) ? (
          <Link className="button" href={`/projects/${project.slug}/edit`}>
            Edit needs list
          </Link>
        ) : null}
      </div>
      {revision ? <RevisionByline revision={revision} /> : null}
      {project.needs.length ? (
        <DataTable
          labelledBy="needs-heading"
          testId="needs-table"
          columns={["Function", "Priority", "Context", "Rationale", "Status", "glibc", "POSIX"]}
        >
          {project.needs.map((need) => (
            <tr key={need.function.name}>
              <td>
                <Link className="mono" href={`/functions/${encodeURIComponent(need.function.name)}`}>
                  {need.function.name}
                </Link>
              </td>
              <td>
                <PriorityBadge priority={need.priority} />
              </td>
              <td className="small">{need.context}</td>
              <td className="small">{need.rationale}</td>
              <td>
                <StatusBadge status={need.function.status} />
              </td>
              <td>
                <GlibcAsBadge value={need.function.glibcAnnotation?.as} />
              </td>
              <td className="small">{need.function.posixEntry?.status ?? <span className="muted">not listed</span>}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p className="muted">No needs filed yet.</p>
      )}
      {revision?.text ? (
        <section className="panel" aria-label="Notes">
          <h3>Notes</h3>
          <RevisionProse revision={revision} />
        </section>
      ) : null}
      {project.page ? <Discussion pageId={project.page.id} actor={actor} /> : null}
    </>
  );
}
