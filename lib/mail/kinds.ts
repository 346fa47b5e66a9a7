import { z } from "zod";

/** Every kind of notification mail; each has its own setting and its own unsubscribe link. */
export const MAIL_KINDS = [
  "page-revision",
  "page-comment",
  "review-awaiting",
  "review-decision",
  "needs-changed",
  "needs-decision",
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export const DELIVERIES = ["immediate", "digest", "never"] as const;
export type Delivery = (typeof DELIVERIES)[number];

export const mailKindSchema = z.enum(MAIL_KINDS);
export const deliverySchema = z.enum(DELIVERIES);

/** How the settings page and the mails name each kind. */
export const KIND_WORDS: Record<MailKind, { label: string; description: string }> = {
  "page-revision": { label: "Edits of watched pages", description: "a new revision of a page you watch" },
  "page-comment": { label: "Comments on watched pages", description: "a comment on a page you watch" },
  "review-awaiting": {
    label: "Proposals awaiting your vote",
    description: "a proposal that is new or changed and awaits maintainers' votes (maintainers)",
  },
  "review-decision": {
    label: "Review decisions and vetoes",
    description: "an agreement, rejection or withdrawal recorded, or a −2 veto cast (maintainers)",
  },
  "needs-changed": {
    label: "Changes to your project's needs list",
    description: "a change by someone else to the needs list of a project you represent",
  },
  "needs-decision": {
    label: "Decisions on functions your project needs",
    description: "a decision recorded on a function a project you represent needs",
  },
};

export const DELIVERY_WORDS: Record<Delivery, string> = {
  immediate: "Immediately",
  digest: "Daily digest",
  never: "Never",
};

const storedKinds = z.record(z.string(), z.unknown());

/** The stored kinds JSON read leniently: a kind not named, or named with an unknown value, is immediate. */
export function deliveriesOf(raw: unknown): Record<MailKind, Delivery> {
  const parsed = storedKinds.safeParse(raw);
  const stored = parsed.success ? parsed.data : {};
  return Object.fromEntries(
    MAIL_KINDS.map((kind) => {
      const value = stored[kind];
      return [kind, DELIVERIES.includes(value as Delivery) ? (value as Delivery) : "immediate"];
    }),
  ) as Record<MailKind, Delivery>;
}
