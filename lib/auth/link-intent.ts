import { createHmac, timingSafeEqual } from "node:crypto";

// "The signed-in owner asked to link a provider": a short-lived cookie set
// by the account settings page and checked by the OAuth callback together
// with the session, so that an OAuth round trip links an identity only when
// its owner started it from settings, never because the emails match.

export const LINK_INTENT_COOKIE = "afterfork-oauth-link";
export const LINK_INTENT_SECONDS = 10 * 60;

function mac(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(`oauth-link:${payload}`).digest("base64url");
}

export function createLinkIntent(secret: string, user: { id: number; sessionVersion: number }, now = Date.now()) {
  const payload = `${user.id}.${user.sessionVersion}.${now + LINK_INTENT_SECONDS * 1000}`;
  return `${payload}.${mac(secret, payload)}`;
}

/** The user id the intent was made for, if it is genuine, unexpired and of the user's current sessions. */
export function readLinkIntent(
  secret: string,
  value: string | undefined,
  current: { id: number; sessionVersion: number },
  now = Date.now(),
): number | null {
  const match = /^(\d+)\.(\d+)\.(\d+)\.([A-Za-z0-9_-]+)$/.exec(value ?? "");
  if (!match) return null;
  const [, id, version, expires, signature] = match;
  const expected = Buffer.from(mac(secret, `${id}.${version}.${expires}`));
  const given = Buffer.from(signature!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (Number(expires) < now || Number(id) !== current.id || Number(version) !== current.sessionVersion) return null;
  return current.id;
}
