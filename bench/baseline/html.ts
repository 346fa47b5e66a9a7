// Minimal HTML: no layout, header, footer or React payload.

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const esc = (value: unknown) => String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]!);
export const iso = (date: Date | null) => (date ? date.toISOString().slice(0, 16).replace("T", " ") : "");
export const fnPath = (name: string) => `/functions/${encodeURIComponent(name)}`;

function page(title: string, body: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} · Afterfork</title>` +
    `<link rel="stylesheet" href="/style.css"></head><body><main>${body}</main></body></html>`
  );
}

export class NotFound extends Error {}

export type Reply = { type: string; body: string; status?: number };
export const html = (title: string, body: string): Reply => ({
  type: "text/html; charset=utf-8",
  body: page(title, body),
});
