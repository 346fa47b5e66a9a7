import { currentAuthSecret } from "@/lib/auth/secret";
import { db, type DbClient } from "@/lib/db";
import { KIND_WORDS, MAIL_KINDS, type MailKind } from "@/lib/mail/kinds";
import { mailSettings, saveMailSettings, turnKindOff } from "@/lib/mail/preferences";
import { readUnsubscribeToken, type UnsubscribeScope } from "@/lib/mail/unsubscribe";

/** What an unsubscribe link names, for its confirmation page; null for a link this site did not sign. */
export async function describeUnsubscribe(token: string, client: DbClient = db) {
  const named = readUnsubscribeToken(await currentAuthSecret(), token);
  if (!named) return null;
  const user = await client.user.findUnique({ where: { id: named.userId }, select: { name: true } });
  if (!user) return null;
  const settings = await mailSettings(named.userId, client);
  const kinds = kindsOf(named.scope, settings.kinds);
  return { ...named, name: user.name, what: scopeWords(named.scope), alreadyOff: kinds.length === 0 };
}

function kindsOf(scope: UnsubscribeScope, current: Record<MailKind, string>): MailKind[] {
  if (scope !== "digest") return current[scope] === "never" ? [] : [scope];
  return MAIL_KINDS.filter((kind) => current[kind] === "digest");
}

export function scopeWords(scope: UnsubscribeScope): string {
  return scope === "digest" ? "daily digests" : `mails about ${KIND_WORDS[scope].label.toLowerCase()}`;
}

/** Turns off what a signed link names; false when the link is not this site's. */
export async function unsubscribe(token: string, client: DbClient = db): Promise<UnsubscribeScope | false> {
  const named = readUnsubscribeToken(await currentAuthSecret(), token);
  if (!named || !(await client.user.findUnique({ where: { id: named.userId }, select: { id: true } }))) return false;
  if (named.scope !== "digest") {
    await turnKindOff(named.userId, named.scope, client);
    return named.scope;
  }
  const settings = await mailSettings(named.userId, client);
  const off = kindsOf("digest", settings.kinds);
  const kinds = { ...settings.kinds, ...Object.fromEntries(off.map((kind) => [kind, "never"])) };
  await saveMailSettings(named.userId, { ...settings, kinds }, client);
  return "digest";
}
