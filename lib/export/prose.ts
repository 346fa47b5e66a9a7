import type { Definition, Nodes, Parents, Root, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { createHash } from "node:crypto";
import { DEFAULT_WIDTH, escapeHtml, wrap } from "@/lib/export/wrap";
import { ImmutableCache, renderCacheBytes } from "@/lib/server/render/immutable-cache";

// A revision's Markdown prose as text for the libc-help post: it must read
// well in a mail client and still render as the same Markdown. It is parsed
// with the parser the pages render with (micromark with GFM, as
// react-markdown and remark-gfm use it), and written back block by block:
// paragraphs and list items filled at 72 columns, headings as bold lines (the
// post's own headings structure the entries), links as `text <url>`; code
// blocks, tables and URLs are never wrapped. Inline markup the author wrote
// (emphasis, code spans, escapes) is kept as written.

/** The prose as lines, without a trailing blank line; no lines for empty prose. */
export function proseLines(markdown: string, width = DEFAULT_WIDTH): string[] {
  const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const writer = new ProseWriter(markdown, definitionsOf(tree));
  return writer.blocks(tree.children, width);
}

const linesSize = (lines: string[]) => lines.reduce((bytes, line) => bytes + 2 * line.length + 16, 0);
const proseLinesCache = new ImmutableCache<string[]>(renderCacheBytes(), 1, linesSize);

/**
 * `proseLines` at the default width, made once per text: an export repeats every agreed text, and parsing
 * them all again took most of its time (0.9 s for the bench's 400 agreed proposals). Keyed by the text's
 * hash, so a revision's text is found whichever query brought it. Callers must not change the array.
 */
export function cachedProseLines(markdown: string): readonly string[] {
  const key = createHash("sha256").update(markdown).digest("base64");
  return proseLinesCache.get(key, () => proseLines(markdown));
}

function definitionsOf(tree: Root): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (node: Nodes) => {
    if (node.type === "definition") out.set((node as Definition).identifier, (node as Definition).url);
    if ("children" in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return out;
}

/** The longest run of backticks in a code block, so that its fence can be longer. */
function fenceFor(value: string): string {
  const longest = Math.max(0, ...[...value.matchAll(/`+/g)].map((m) => m[0].length));
  return "`".repeat(Math.max(3, longest + 1));
}

/** Prefixes the first line and indents the rest (blank lines stay empty, so no trailing spaces). */
function prefixed(lines: string[], first: string, rest: string): string[] {
  return lines.map((line, i) => (line === "" ? "" : `${i === 0 ? first : rest}${line}`.trimEnd()));
}

class ProseWriter {
  constructor(
    private readonly source: string,
    private readonly definitions: Map<string, string>,
  ) {}

  private slice(node: Nodes): string {
    return this.source.slice(node.position!.start.offset!, node.position!.end.offset!);
  }

  blocks(nodes: RootContent[], width: number, tight = false): string[] {
    const out: string[] = [];
    for (const node of nodes) {
      const lines = this.block(node, width);
      if (lines.length === 0) continue;
      if (out.length && !tight) out.push("");
      out.push(...lines);
    }
    return out;
  }

  private block(node: RootContent, width: number): string[] {
    switch (node.type) {
      case "paragraph":
        return this.filled(node, width);
      case "heading":
        return this.filled(node, width, "**");
      case "code": {
        const fence = fenceFor(node.value);
        const info = [node.lang, node.meta].filter(Boolean).join(" ");
        return [`${fence}${info}`, ...node.value.split("\n").map((l) => l.trimEnd()), fence];
      }
      case "blockquote":
        return this.blocks(node.children, width - 2).map((line) => (line ? `> ${line}` : ">"));
      case "list": {
        const start = node.start ?? 1;
        const markers = node.children.map((_, i) => (node.ordered ? `${start + i}. ` : "- "));
        const indent = Math.max(...markers.map((m) => m.length));
        const items = node.children.map((item, i) => {
          const check = item.checked === true ? "[x] " : item.checked === false ? "[ ] " : "";
          const body = this.blocks(item.children, width - indent, !node.spread && !item.spread);
          return prefixed(body.length ? body : [""], markers[i]!.padEnd(indent) + check, " ".repeat(indent));
        });
        return items.flatMap((lines, i) => (i > 0 && node.spread ? ["", ...lines] : lines));
      }
      case "table": {
        // Rebuilt from its cells, one row a line, never wrapped.
        const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
        const [head, ...body] = node.children.map((r) => row(r.children.map((c) => this.children(c, true).trim())));
        const rule = (node.align ?? []).map((a) =>
          a === "left" ? ":---" : a === "right" ? "---:" : a === "center" ? ":---:" : "---",
        );
        return head ? [head, row(rule), ...body] : [];
      }
      case "thematicBreak":
        return ["* * *"];
      case "html":
        return this.filledText(escapeHtml(node.value), width);
      case "footnoteDefinition": {
        const label = `[^${node.label ?? node.identifier}]: `;
        return prefixed(this.blocks(node.children, width - 4), label, "    ");
      }
      case "definition":
        return []; // its URL is written beside every reference to it
      default:
        return this.filledText(this.slice(node), width);
    }
  }

  /** A paragraph or heading filled into lines; hard line breaks end a line with a backslash. */
  private filled(node: Parents, width: number, around = ""): string[] {
    const segments = this.children(node, true).split("\u0000");
    return segments.flatMap((segment, i) => {
      const lines = this.filledText(`${around}${segment.trim()}${around}`, width);
      if (i < segments.length - 1) lines[lines.length - 1] += "\\";
      return lines;
    });
  }

  private filledText(text: string, width: number): string[] {
    return wrap(text.trim(), { width });
  }

  /**
   * A node's inline content: the author's source between its children, with
   * links, images and raw HTML rewritten; hard breaks as U+0000.
   */
  private inline(node: Nodes): string {
    switch (node.type) {
      case "text":
        return escapeHtml(this.slice(node));
      case "break":
        return "\u0000";
      case "html":
        return escapeHtml(node.value);
      case "inlineCode":
        return this.slice(node);
      case "link": {
        const source = this.slice(node);
        // An autolink (<https://…>, or a bare URL with GFM) is already a URL a mail reader shows.
        if (!source.startsWith("[")) return source;
        const text = this.children(node, true).trim();
        return text === node.url || text === "" ? `<${node.url}>` : `${text} <${node.url}>`;
      }
      case "linkReference": {
        const url = this.definitions.get(node.identifier);
        const text = this.children(node, true).trim();
        return url ? `${text || url} <${url}>` : this.slice(node);
      }
      case "image":
        return `${node.alt ? `${escapeHtml(node.alt)} ` : ""}(image) <${node.url}>`;
      case "imageReference": {
        const url = this.definitions.get(node.identifier);
        return url ? `${node.alt ? `${escapeHtml(node.alt)} ` : ""}(image) <${url}>` : this.slice(node);
      }
      default:
        return "children" in node ? this.children(node) : this.slice(node);
    }
  }

  /**
   * The source of a parent with each child replaced by its rewritten form:
   * the whole node's (emphasis keeps its markers), or with `inner` only what
   * lies between its first and last child (a paragraph, a link's text).
   */
  private children(node: Parents, inner = false): string {
    const first = node.children[0];
    const last = node.children.at(-1);
    if (!first || !last) return "";
    let at = inner ? first.position!.start.offset! : node.position!.start.offset!;
    let out = "";
    for (const child of node.children) {
      out += this.source.slice(at, child.position!.start.offset!) + this.inline(child);
      at = child.position!.end.offset!;
    }
    return out + this.source.slice(at, inner ? at : node.position!.end.offset!);
  }
}
