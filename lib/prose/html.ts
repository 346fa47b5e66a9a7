import type { Element, Root } from "hast";
import { toHtml } from "hast-util-to-html";
import { urlAttributes } from "html-url-attributes";
import { defaultUrlTransform } from "react-markdown";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visit } from "unist-util-visit";

// User-written Markdown as an HTML string, sanitised exactly as the
// <Markdown> component (react-markdown with skipHtml and the same URL
// filter) sanitises it: the same parser and plugins, raw HTML dropped, every
// URL attribute through react-markdown's filter and left out when unsafe.
// tests/unit/prose-html.test.ts checks both give the same markup.

/** Bump when the output changes, so that cached renderings of old revisions are made again. */
export const PROSE_RENDERER_VERSION = 1;

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: true });

function sanitise(tree: Root): void {
  visit(tree, (node, index, parent) => {
    if (node.type === "raw" && parent && index !== undefined) {
      parent.children.splice(index, 1);
      return index;
    }
    if (node.type !== "element") return;
    const element = node as Element;
    matchReact(element);
    for (const [attribute, tags] of Object.entries(urlAttributes)) {
      if (!Object.hasOwn(element.properties, attribute)) continue;
      if (tags !== null && !tags.includes(element.tagName)) continue;
      const safe = defaultUrlTransform(String(element.properties[attribute] ?? ""));
      if (safe) element.properties[attribute] = safe;
      else delete element.properties[attribute];
    }
  });
}

/** What react-markdown's JSX runtime does on the way: cell alignment as a style, `data-*` flags as "true". */
function matchReact(element: Element): void {
  const { properties } = element;
  if ((element.tagName === "td" || element.tagName === "th") && typeof properties.align === "string") {
    properties.style = `text-align:${properties.align}`;
    delete properties.align;
  }
  for (const [name, value] of Object.entries(properties)) {
    if (name.startsWith("data") && value === true) properties[name] = "true";
  }
}

export function proseToHtml(source: string): string {
  const tree = processor.runSync(processor.parse(source)) as Root;
  sanitise(tree);
  return toHtml(tree);
}
