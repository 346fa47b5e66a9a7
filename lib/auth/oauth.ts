import { db, type DbClient } from "@/lib/db";

/** An identity a provider vouched for; `email` only when the provider verified it (lib/auth/oauth-providers.ts). */
export interface OAuthIdentityInput {
  provider: string;
  subject: string;
  email: string | null;
  name: string | null;
}

export type OAuthRefusal = "disabled" | "no-verified-email" | "email-taken" | "linked-elsewhere";

export type OAuthOutcome = { status: "signed-in"; userId: number } | { status: "refused"; reason: OAuthRefusal };

/** What the sign-in page says for each refusal (its `error` parameter). */
export const OAUTH_REFUSAL_MESSAGES: Record<OAuthRefusal, string> = {
  disabled: "This account is disabled.",
  "no-verified-email":
    "The provider did not give a verified email address. Verify one there, or register with a password.",
  "email-taken":
    "An account with this email already exists. Sign in with its password, then link the provider " +
    "from Account settings.",
  "linked-elsewhere": "This provider account is already linked to another Afterfork account.",
};

/**
 * Decides whose session an OAuth sign-in starts. A known identity signs its
 * user in. With `linkTo` (the signed-in owner asked for it from account
 * settings) a new identity is attached to that user. Otherwise a new identity
 * becomes a new reader named by its verified email, and never joins an
 * existing account with the same email by itself: whoever registered that
 * address first, perhaps without owning it, would get the provider's sign-ins.
 */
export async function signInWithOAuth(
  identity: OAuthIdentityInput,
  linkTo: number | null,
  client: DbClient = db,
): Promise<OAuthOutcome> {
  const known = await client.oAuthIdentity.findUnique({
    where: { provider_subject: { provider: identity.provider, subject: identity.subject } },
    include: { user: { select: { id: true, disabled: true } } },
  });
  const signIn = (user: { id: number; disabled: boolean }): OAuthOutcome =>
    user.disabled ? { status: "refused", reason: "disabled" } : { status: "signed-in", userId: user.id };
  if (linkTo !== null) {
    if (known && known.userId !== linkTo) return { status: "refused", reason: "linked-elsewhere" };
    const owner = await client.user.findUniqueOrThrow({ where: { id: linkTo }, select: { id: true, disabled: true } });
    if (owner.disabled) return { status: "refused", reason: "disabled" };
    if (!known)
      await client.oAuthIdentity.create({
        data: { provider: identity.provider, subject: identity.subject, userId: linkTo },
      });
    return signIn(owner);
  }
  if (known) return signIn(known.user);
  if (!identity.email) return { status: "refused", reason: "no-verified-email" };
  const email = identity.email.toLowerCase();
  if (await client.user.findUnique({ where: { email }, select: { id: true } }))
    return { status: "refused", reason: "email-taken" };
  const user = await client.user.create({
    data: {
      email,
      name: identity.name?.trim().slice(0, 100) || email.split("@")[0]!,
      role: "reader",
      identities: { create: { provider: identity.provider, subject: identity.subject } },
    },
  });
  return { status: "signed-in", userId: user.id };
}
