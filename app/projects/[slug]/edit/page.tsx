import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound, unauthorized } from "next/navigation";
import { NeedsEditor } from "@/components/needs-editor";
import { can } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";
import { needsFieldsSchema } from "@/lib/pages/fields";
import { getProjectPage } from "@/lib/projects/data";
import { db } from "@/lib/db";

export const metadata: Metadata = { title: "Edit needs list" };

export default async function EditNeedsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const [project, actor] = await Promise.all([getProjectPage(slug), currentActor()]);
  if (!project) notFound();
  if (!actor) unauthorized();
  if (!can(actor, { action: "needs.edit", projectId: project.id })) forbidden();
  const revision = project.page?.currentRevision ?? null;
  const catalog = (await db.function.findMany({ select: { name: true }, orderBy: { name: "asc" } })).map((f) => f.name);
  const fields = revision ? needsFieldsSchema.parse(revision.fields) : { rows: [] };
  return (
    <>
      <p className="muted small">
        <Link href={`/projects/${project.slug}`}>{project.name}</Link> /
      </p>
      <h1>Edit {project.name}&apos;s needs list</h1>
      <p className="muted">Each save is a new revision; nothing is overwritten.</p>
      <NeedsEditor
        projectId={project.id}
        baseRevisionId={revision?.id ?? null}
        initialRows={fields.rows}
        initialText={revision?.text ?? ""}
        catalog={catalog}
      />
    </>
  );
}
