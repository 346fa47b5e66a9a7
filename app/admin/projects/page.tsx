import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, unauthorized } from "next/navigation";
import { ProjectForm } from "@/components/project-form";
import { can } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";
import { db } from "@/lib/db";

export const metadata: Metadata = { title: "Projects (admin)" };

export default async function AdminProjectsPage() {
  const actor = await currentActor();
  if (!actor) unauthorized();
  if (!can(actor, { action: "projects.manage" })) forbidden();
  const projects = await db.project.findMany({
    orderBy: { name: "asc" },
    include: { representatives: { include: { user: { select: { name: true } } } } },
  });
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
