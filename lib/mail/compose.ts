import { DELIVERY_WORDS, KIND_WORDS, type MailKind } from "@/lib/mail/kinds";
import type { OutgoingMail } from "@/lib/mail/transport";
import { unsubscribeUrl, type UnsubscribeScope } from "@/lib/mail/unsubscribe";
import { publicOrigin } from "@/lib/server/http/public-origin";

/** One outbox item as the sender read it. */
export interface MailItem {
  kind: MailKind;
  subject: string;
  body: string;
  path: string;
}

const PREFIX = "[Afterfork]";

/** List-Unsubscribe with its one-click POST (RFC 8058), and a mark that no one should auto-reply. */
function headers(url: string): Record<string, string> {
  return {
    "List-Unsubscribe": `<${url}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    "Auto-Submitted": "auto-generated",
  };
}

function footer(lines: string[]): string {
  return ["--", ...lines, `All your mail settings: ${publicOrigin()}/settings/notifications`].join("\n");
}

/** The mail of one item sent immediately: its text, the page's absolute link, the unsubscribe link. */
export function itemMail(secret: string, user: { id: number; email: string }, item: MailItem): OutgoingMail {
  const unsubscribe = unsubscribeUrl(secret, user.id, item.kind);
  const text = [
    item.body,
    `Open it: ${publicOrigin()}${item.path}`,
    footer([
      `Why you receive this: ${KIND_WORDS[item.kind].description}.`,
      `Stop these mails (${KIND_WORDS[item.kind].label.toLowerCase()}): ${unsubscribe}`,
    ]),
  ].join("\n\n");
  return { to: user.email, subject: `${PREFIX} ${item.subject}`, text: `${text}\n`, headers: headers(unsubscribe) };
}

/** A daily digest: every item, each with its link, and an unsubscribe link per kind it carries. */
export function digestMail(
  secret: string,
  user: { id: number; email: string },
  day: string,
  items: MailItem[],
): OutgoingMail {
  const all = unsubscribeUrl(secret, user.id, "digest" satisfies UnsubscribeScope);
  const kinds = [...new Set(items.map((item) => item.kind))];
  const sections = items.map((item, i) =>
    [`${i + 1}. ${item.subject}`, item.body, `Open it: ${publicOrigin()}${item.path}`].join("\n\n"),
  );
  const text = [
    `${items.length} ${items.length === 1 ? "change" : "changes"} on Afterfork (${DELIVERY_WORDS.digest}, ${day}):`,
    ...sections,
    footer([
      ...kinds.map((kind) => `Stop ${KIND_WORDS[kind].label.toLowerCase()}: ${unsubscribeUrl(secret, user.id, kind)}`),
      `Stop every daily digest: ${all}`,
    ]),
  ].join("\n\n");
  return {
    to: user.email,
    subject: `${PREFIX} Daily digest for ${day}: ${items.length} ${items.length === 1 ? "change" : "changes"}`,
    text: `${text}\n`,
    headers: headers(all),
  };
}
