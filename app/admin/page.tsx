import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/server/gate/page";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requireActor({ action: "users.manage" });
  return (
    <>
      <h1>Admin</h1>
      <ul>
        <li>
          <Link href="/admin/users">Users</Link>: roles, project representatives, disabled accounts.
        </li>
        <li>
          <Link href="/admin/projects">Projects</Link>: create projects and edit their details.
        </li>
        <li>
          <Link href="/admin/imports">Reference imports</Link>: the glibc manual and the POSIX list.
        </li>
        <li>
          <Link href="/admin/settings">Settings</Link>: the agreement rule.
        </li>
        <li>
          <Link href="/admin/backup">Backup</Link>: download everything as JSON.
        </li>
        <li>
          <Link href="/audit">Audit trail</Link>.
        </li>
      </ul>
    </>
  );
}
