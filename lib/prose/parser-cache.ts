import { LRUCache } from "lru-cache";
import { PROSE_RENDERER_VERSION, proseToHtml } from "@/lib/prose/html";

// A revision never changes, so its prose is turned into HTML once per
// revision and renderer version and reused by every page that shows it,
// signed in or not — MediaWiki's parser cache. Bounded by the HTML's size.

export interface Renderer {
  /** Part of every key: a new version renders every revision again. */
  version: number;
  render: (source: string) => string;
}

export class ParserCache {
  private readonly entries: LRUCache<string, string>;

  constructor(
    maxBytes: number,
    private readonly renderer: Renderer,
  ) {
    // A string's UTF-16 code units, close enough to its memory for a bound.
    this.entries = new LRUCache({ maxSize: Math.max(1, maxBytes), sizeCalculation: (html) => 2 * html.length || 1 });
  }

  /** The HTML of one revision's prose (`id` names the revision, or a pair of them for a diff). */
  html(id: string, source: string): string {
    const key = `${this.renderer.version}:${id}`;
    let html = this.entries.get(key);
    if (html === undefined) {
      html = this.renderer.render(source);
      this.entries.set(key, html);
    }
    return html;
  }
}

const proseCache = new ParserCache(Number(process.env.PROSE_CACHE_MB ?? 16) * 1024 * 1024, {
  version: PROSE_RENDERER_VERSION,
  render: proseToHtml,
});

/** A revision's prose as sanitised HTML, rendered once per revision. */
export function revisionProseHtml(revisionId: number, text: string): string {
  return proseCache.html(`revision:${revisionId}`, text);
}
