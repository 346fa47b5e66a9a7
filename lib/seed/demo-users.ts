import { db, type DbClient } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import type { RoleName } from "@/lib/users/roles";

export const DEFAULT_DEMO_PASSWORD = "afterfork-demo";

export const DEMO_USERS: { email: string; name: string; role: RoleName; projects: string[] }[] = [
  { email: "admin@afterfork.test", name: "Ada Admin", role: "admin", projects: [] },
  { email: "maintainer1@afterfork.test", name: "Maintainer One", role: "maintainer", projects: [] },
  { email: "maintainer2@afterfork.test", name: "Maintainer Two", role: "maintainer", projects: [] },
  { email: "maintainer3@afterfork.test", name: "Maintainer Three", role: "maintainer", projects: [] },
  { email: "rep-linted@afterfork.test", name: "linted representative", role: "representative", projects: ["linted"] },
  {
    email: "rep-systemd@afterfork.test",
    name: "systemd representative",
    role: "representative",
    projects: ["systemd"],
  },
  { email: "reader@afterfork.test", name: "Reader", role: "reader", projects: [] },
];

export function demoPassword(): string {
  return process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
}

/** Creates the demo accounts that do not exist yet; existing accounts are left as they are. */
export async function seedDemoUsers(client: DbClient = db): Promise<void> {
  const passwordHash = await hashPassword(demoPassword());
  for (const demo of DEMO_USERS) {
    const existing = await client.user.findUnique({ where: { email: demo.email } });
    if (existing) continue;
    const projects = await client.project.findMany({ where: { slug: { in: demo.projects } }, select: { id: true } });
    await client.user.create({
      data: {
        email: demo.email,
        name: demo.name,
        role: demo.role,
        passwordHash,
        projects: { create: projects.map((p) => ({ projectId: p.id })) },
      },
    });
  }
}
