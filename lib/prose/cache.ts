import { PROSE_RENDERER_VERSION, proseToHtml } from "@/lib/prose/html";
import { ImmutableCache, renderCacheBytes, stringSize } from "@/lib/server/render/immutable-cache";

const proseHtml = new ImmutableCache(renderCacheBytes(), PROSE_RENDERER_VERSION, stringSize);

/** A revision's prose as sanitised HTML, rendered once per revision. */
export function revisionProseHtml(revision: { id: number; text: string }): string {
  return proseHtml.get(`revision:${revision.id}`, () => proseToHtml(revision.text));
}
