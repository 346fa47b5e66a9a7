import type { Metadata } from "next";
import Link from "next/link";
import { ProjectForm } from "@/components/project-form";
import { requireActor } from "@/lib/server/gate/page";
import { listProjectsForAdmin } from "@/lib/projects/data";

export const metadata: Metadata = { title: "Projects (admin)" };

export default async function AdminProjectsPage() {
  await requireActor({ action: "projects.manage" });
  const projects = await listProjectsForAdmin();
  return (
    <>
      <h1>Projects</h1>
      <p className="muted">
        Create projects and edit their details. Representatives are linked to projects on the{" "}
        <Link href="/admin/users">users page</Link>.
      </p>
      <section className="panel" aria-labelledby="new-project">
        <h2 id="new-project">New project</h2>
        <ProjectForm />
      </section>
      {projects.map((p) => (
        <details key={p.id} className="panel">
          <summary>
            <strong>{p.name}</strong>{" "}
            <span className="muted small">
              /projects/{p.slug} · representatives: {p.representatives.map((r) => r.user.name).join(", ") || "none"}
            </span>
          </summary>
          <ProjectForm project={p} />
        </details>
      ))}
    </>
  );
}
