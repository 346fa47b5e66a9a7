import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { NeedsEditor } from "@/components/needs-editor";
import { needsFieldsSchema } from "@/lib/pages/fields";
import { listFunctionNames } from "@/lib/functions/data";
import { getProjectPage } from "@/lib/projects/data";
import { requireActor } from "@/lib/server/gate/page";

export const metadata: Metadata = { title: "Edit needs list" };

export default async function EditNeedsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const project = await getProjectPage(slug);
  if (!project) notFound();
  await requireActor({ action: "needs.edit", projectId: project.id });
  const revision = project.page?.currentRevision ?? null;
  const catalog = await listFunctionNames();
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
