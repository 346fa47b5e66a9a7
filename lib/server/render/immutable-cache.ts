import { LRUCache } from "lru-cache";

// Revisions never change, so whatever is made from them alone (the HTML of
// their prose, the diff of two of them, its HTML) is made once and reused by
// every page and every user, signed in or not — MediaWiki's parser cache.
// Keys name the revisions and the version of the code that made the value,
// so a new renderer makes everything again and nothing needs invalidating.

/** Roughly what a value holds in memory, for the cache's bound. */
export type SizeOf<T> = (value: T) => number;

export const stringSize: SizeOf<string> = (text) => 2 * text.length;

export class ImmutableCache<T extends NonNullable<unknown>> {
  private readonly entries: LRUCache<string, T>;

  constructor(
    maxBytes: number,
    private readonly version: number,
    sizeOf: SizeOf<T>,
  ) {
    this.entries = new LRUCache({ maxSize: Math.max(1, maxBytes), sizeCalculation: (value) => sizeOf(value) || 1 });
  }

  /** The value for `key`, made by `make` the first time (and again once the least recently used were dropped). */
  get(key: string, make: () => T): T {
    const versioned = `${this.version}:${key}`;
    let value = this.entries.get(versioned);
    if (value === undefined) {
      value = make();
      this.entries.set(versioned, value);
    }
    return value;
  }
}

/** PROSE_CACHE_MB (default 16) of memory for each kind of cached rendering. */
export function renderCacheBytes(): number {
  const mb = Number(process.env.PROSE_CACHE_MB ?? 16);
  if (!Number.isFinite(mb) || mb < 0) throw new Error(`PROSE_CACHE_MB must be a number of megabytes, not "${mb}".`);
  return mb * 1024 * 1024;
}
