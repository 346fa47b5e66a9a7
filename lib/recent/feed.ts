import { Feed } from "feed";
import { itemPath, itemTitle, type RecentItem } from "@/lib/recent/data";

function describe(item: RecentItem): { title: string; link: string; text: string } {
  const base = itemPath(item);
  const page = itemTitle(item);
  switch (item.kind) {
    case "edit":
      return {
        title: `${page}: revision ${item.revisionNumber} by ${item.userName}`,
        link:
          item.revisionNumber && item.revisionNumber > 1
            ? `${base}/diff?from=${item.revisionNumber - 1}&to=${item.revisionNumber}`
            : `${base}/revisions/${item.revisionNumber}`,
        text: item.detail || "(no summary)",
      };
    case "comment":
      return { title: `${page}: comment by ${item.userName}`, link: `${base}#c${item.id}`, text: item.body ?? "" };
    case "vote":
      return {
        title:
          `${page}: ${item.userName} voted ${Number(item.detail) > 0 ? "+" : ""}${item.detail} on ` +
          `revision ${item.revisionNumber}`,
        link: `${base}/review`,
        text: item.body ?? "",
      };
    case "decision":
      return {
        title: `${page}: ${item.detail} at revision ${item.revisionNumber} by ${item.userName}`,
        link: base,
        text: item.body ?? "",
      };
  }
}

/** An Atom 1.0 document for a list of activity items (the `feed` library escapes all text). */
export function atomFeed(options: {
  title: string;
  selfPath: string;
  htmlPath: string;
  origin: string;
  items: RecentItem[];
}): string {
  const url = (path: string) => new URL(path, options.origin).toString();
  const feed = new Feed({
    id: url(options.htmlPath),
    title: options.title,
    link: url(options.htmlPath),
    updated: options.items[0]?.at ?? new Date(0),
    feedLinks: { atom: url(options.selfPath) },
    copyright: "Contributions to Afterfork",
    generator: "Afterfork",
  });
  for (const item of options.items) {
    const { title, link, text } = describe(item);
    feed.addItem({
      id: url(`/recent#${item.kind}-${item.id}`),
      title,
      link: url(link),
      date: item.at,
      description: text,
      author: [{ name: item.userName }],
    });
  }
  return feed.atom1();
}

export function atomResponse(xml: string): Response {
  return new Response(xml, {
    headers: { "content-type": "application/atom+xml; charset=utf-8", "cache-control": "no-store" },
  });
}
