import { getServerSession } from "next-auth";
import { cache } from "react";
import { authOptions } from "@/lib/auth/options";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";

/** Loads an actor by user id; null for unknown or disabled users. */
export async function loadActor(userId: number): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, role: true, name: true, disabled: true, projects: { select: { projectId: true } } },
  });
  if (!user || user.disabled) return null;
  return { id: user.id, role: user.role, name: user.name, projectIds: user.projects.map((p) => p.projectId) };
}

/** The signed-in actor of this request, read fresh from the database (once per request). */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const id = Number(session?.user?.id);
  return Number.isInteger(id) && id > 0 ? loadActor(id) : null;
});
