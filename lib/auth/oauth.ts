import { db } from "@/lib/db";

/**
 * Finds or creates the user behind an OAuth identity. A provider email that
 * matches an existing account links to it; new users are readers.
 * Returns null for a disabled user or an identity without an email.
 */
export async function linkOAuthUser(identity: {
  provider: string;
  subject: string;
  email: string | null;
  name: string | null;
}) {
  const known = await db.oAuthIdentity.findUnique({
    where: { provider_subject: { provider: identity.provider, subject: identity.subject } },
    include: { user: true },
  });
  if (known) return known.user.disabled ? null : known.user;
  if (!identity.email) return null;
  const email = identity.email.toLowerCase();
  const user = await db.user.upsert({
    where: { email },
    create: { email, name: identity.name?.trim() || email.split("@")[0]!, role: "reader" },
    update: {},
  });
  if (user.disabled) return null;
  await db.oAuthIdentity.create({ data: { provider: identity.provider, subject: identity.subject, userId: user.id } });
  return user;
}
