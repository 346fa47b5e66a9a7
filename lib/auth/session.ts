import { getServerSession } from "next-auth";
import { cache } from "react";
import { authOptions } from "@/lib/auth/options";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";

/**
 * Loads an actor by user id; null for unknown or disabled users, and, given
 * a session's version, for a session that has been ended since (a password
 * change, "sign out everywhere", a role change, disabling).
 */
export async function loadActor(userId: number, session?: { sessionVersion: number }): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      role: true,
      name: true,
      disabled: true,
      sessionVersion: true,
      emailVerifiedAt: true,
      projects: { select: { projectId: true } },
    },
  });
  if (!user || user.disabled) return null;
  if (session && session.sessionVersion !== user.sessionVersion) return null;
  const emailVerified = user.emailVerifiedAt !== null;
  return {
    id: user.id,
    // Until the address is confirmed the account has no role beyond reading, whatever an admin set.
    role: emailVerified ? user.role : "reader",
    name: user.name,
    projectIds: emailVerified ? user.projects.map((p) => p.projectId) : [],
    emailVerified,
  };
}

/** The session cookie's user id and version, unchecked; null without a session (or one from before versions). */
export const currentSessionUser = cache(async (): Promise<{ id: number; sessionVersion: number } | null> => {
  const session = await getServerSession(await authOptions());
  const id = Number(session?.user?.id);
  const sessionVersion = session?.sessionVersion;
  if (!Number.isInteger(id) || id <= 0 || typeof sessionVersion !== "number") return null;
  return { id, sessionVersion };
});

/** The signed-in actor of this request, read fresh from the database (once per request). */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const user = await currentSessionUser();
  return user ? loadActor(user.id, user) : null;
});
