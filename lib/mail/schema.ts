import { z } from "zod";
import { deliverySchema, MAIL_KINDS, type Delivery, type MailKind } from "@/lib/mail/kinds";

/** The settings form: one radio group per kind (named by the kind), and the auto-watch checkbox. */
export const mailSettingsSchema = z
  .object({
    ...(Object.fromEntries(MAIL_KINDS.map((kind) => [kind, deliverySchema])) as Record<
      MailKind,
      typeof deliverySchema
    >),
    autoWatch: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  })
  .transform(({ autoWatch, ...kinds }) => ({ autoWatch, kinds: kinds as Record<MailKind, Delivery> }));
