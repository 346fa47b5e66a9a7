import { db, type DbClient } from "@/lib/db";
import { deliveriesOf, type Delivery, type MailKind } from "@/lib/mail/kinds";

export interface MailSettings {
  kinds: Record<MailKind, Delivery>;
  autoWatch: boolean;
}

export async function mailSettings(userId: number, client: DbClient = db): Promise<MailSettings> {
  const row = await client.mailPreference.findUnique({ where: { userId } });
  return { kinds: deliveriesOf(row?.kinds), autoWatch: row?.autoWatch ?? true };
}

export async function saveMailSettings(userId: number, settings: MailSettings, client: DbClient = db): Promise<void> {
  const data = { kinds: settings.kinds, autoWatch: settings.autoWatch, updatedAt: new Date() };
  await client.mailPreference.upsert({ where: { userId }, create: { userId, ...data }, update: data });
}

/** Turns one kind off (the unsubscribe link), keeping the other settings; one statement, so it races nothing. */
export async function turnKindOff(userId: number, kind: MailKind, client: DbClient = db): Promise<void> {
  await client.$executeRaw`
    INSERT INTO mail_preferences (user_id, kinds) VALUES (${userId}, jsonb_build_object(${kind}::text, 'never'))
    ON CONFLICT (user_id) DO UPDATE SET kinds = mail_preferences.kinds || EXCLUDED.kinds, updated_at = now()`;
}
