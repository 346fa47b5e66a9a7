import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { MAIL_KINDS, type MailKind } from "@/lib/mail/kinds";
import { publicOrigin } from "@/lib/server/http/public-origin";

// One-click unsubscribe (RFC 8058): the link names the user and the kind and is signed with the site's session
// secret (lib/auth/secret.ts), so that it works without signing in and cannot be made for anyone else. It does
// not expire (an old mail's link should still work); rotating the secret retires every link sent before.

/** What a link turns off: one kind, or (from a daily digest) every kind delivered by digest. */
export type UnsubscribeScope = MailKind | "digest";
const scopeSchema = z.enum([...MAIL_KINDS, "digest"]);

const PURPOSE = "afterfork-unsubscribe";

function signature(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(`${PURPOSE}:${payload}`).digest("base64url");
}

export function unsubscribeToken(secret: string, userId: number, scope: UnsubscribeScope): string {
  const payload = `${userId}.${scope}`;
  return `${payload}.${signature(secret, payload)}`;
}

/** The user and scope a token names, or null when it is malformed or not signed with this secret. */
export function readUnsubscribeToken(
  secret: string,
  token: string,
): { userId: number; scope: UnsubscribeScope } | null {
  const match = /^(\d{1,10})\.([a-z-]{1,40})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, id = "", scopeText = "", given = ""] = match;
  const scope = scopeSchema.safeParse(scopeText);
  if (!scope.success) return null;
  const expected = Buffer.from(signature(secret, `${id}.${scopeText}`));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  return { userId: Number(id), scope: scope.data };
}

export function unsubscribeUrl(secret: string, userId: number, scope: UnsubscribeScope): string {
  return `${publicOrigin()}/unsubscribe?token=${encodeURIComponent(unsubscribeToken(secret, userId, scope))}`;
}
