import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { listProjects } from "@/lib/projects/data";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage() {
  const projects = await listProjects();
  return (
    <>
      <h1>Projects</h1>
      <p className="muted">
        Each project&apos;s representatives file the libc functions it calls in the child after <code>fork()</code>.
      </p>
      <DataTable
        label="Projects"
        testId="projects"
        columns={["Project", "About", "Functions needed"]}
        empty="No project is registered yet; an admin adds projects."
      >
        {projects.map((p) => (
          <tr key={p.slug}>
            <td>
              <Link href={`/projects/${p.slug}`}>{p.name}</Link>
            </td>
            <td className="small">{p.description}</td>
            <td>{p._count.needs}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
