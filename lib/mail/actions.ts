"use server";

import { revalidatePath } from "next/cache";
import { saveMailSettings } from "@/lib/mail/preferences";
import { mailSettingsSchema } from "@/lib/mail/schema";
import { safeAction } from "@/lib/server/actions/safe-action";

export const saveMailSettingsAction = safeAction(
  { schema: mailSettingsSchema, permission: () => ({ action: "account.manage" }), rateLimitPerMinute: 30 },
  async (input, actor) => {
    await saveMailSettings(actor.id, input);
    revalidatePath("/settings/notifications");
    return { status: "ok", message: "Your mail settings are saved." };
  },
);
