import type { Root, RootContent } from "hast";
import { fromHtml } from "hast-util-from-html";

// Two renderings of the same markup serialise differently (`<br>` or
// `<br/>`, `&#x26;` or `&amp;`, whitespace between table cells); parsed as
// a browser would and compared as trees, they must have the same elements,
// attributes and text.
export type Shape = string | { tag: string; attributes: Record<string, string>; children: Shape[] };

function shapeOf(node: RootContent | Root): Shape[] {
  if (node.type === "text") return node.value.trim() === "" ? [] : [node.value];
  if (node.type === "root") return node.children.flatMap(shapeOf);
  if (node.type !== "element") return [];
  const attributes = Object.fromEntries(
    Object.entries(node.properties).map(([name, value]) => [name, value === true || value === "" ? "" : String(value)]),
  );
  return [{ tag: node.tagName, attributes, children: node.children.flatMap(shapeOf) }];
}

export const htmlShape = (html: string) => shapeOf(fromHtml(html, { fragment: true }));
