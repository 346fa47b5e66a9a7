import { describeUnsubscribe, scopeWords, unsubscribe } from "@/lib/mail/unsubscribe-actions";
import type { UnsubscribeScope } from "@/lib/mail/unsubscribe";

// The unsubscribe link's own page, served by a route handler rather than a React page: the same URL must take
// the mail provider's one-click POST (RFC 8058), which a page cannot. Plain HTML, no script, one form.

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function page(status: number, title: string, body: string): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escape(title)} · Afterfork</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
button{font:inherit;padding:.4rem 1rem;cursor:pointer}a{color:#0b57d0}</style></head>
<body><main><h1>${escape(title)}</h1>${body}
<p><a href="/settings/notifications">All your mail settings</a> (sign-in needed) · <a href="/">Afterfork</a></p>
</main></body></html>`;
  return new Response(html, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
    },
  });
}

const invalid = () =>
  page(
    404,
    "Unknown unsubscribe link",
    "<p>This link is not valid here (mistyped, or older than a secret rotation).</p>",
  );

/** GET: says what the link turns off and asks to confirm; nothing changes until the button is pressed. */
export async function unsubscribeConfirmation(token: string): Promise<Response> {
  const named = await describeUnsubscribe(token);
  if (!named) return invalid();
  if (named.alreadyOff)
    return page(200, "Already off", `<p>${escape(named.name)}, ${escape(named.what)} are already turned off.</p>`);
  const action = `/unsubscribe?token=${encodeURIComponent(token)}`;
  return page(
    200,
    "Unsubscribe",
    `<p>${escape(named.name)}, turn off ${escape(named.what)}? You do not need to sign in.</p>
<form method="post" action="${escape(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Turn off</button></form>`,
  );
}

/** POST (the provider's one-click, or the confirmation's button): turns it off. */
export async function unsubscribeNow(token: string, fromBrowser: boolean): Promise<Response> {
  const scope: UnsubscribeScope | false = await unsubscribe(token);
  if (!scope) return invalid();
  const done = `${scopeWords(scope).replace(/^./, (c) => c.toUpperCase())} are turned off.`;
  if (!fromBrowser) return new Response(`${done}\n`, { headers: { "content-type": "text/plain; charset=utf-8" } });
  return page(200, "Unsubscribed", `<p>${escape(done)} You can turn them on again in your mail settings.</p>`);
}
