import { distance } from "fastest-levenshtein";
import { db, type DbClient } from "@/lib/db";

/**
 * The catalog names closest to `name` ("did you mean setgroups?"): those at the smallest edit distance, within a
 * small limit.
 */
export function closeMatches(name: string, catalog: string[], max = 3): string[] {
  const limit = name.length <= 4 ? 1 : 2;
  const near = catalog
    // Lengths further apart than the limit cannot be within it: skip the distance.
    .filter((candidate) => Math.abs(candidate.length - name.length) <= limit)
    .map((candidate) => ({ candidate, d: distance(name.toLowerCase(), candidate.toLowerCase()) }))
    .filter(({ d, candidate }) => d <= limit && candidate !== name);
  const best = Math.min(...near.map((n) => n.d));
  return near
    .filter((n) => n.d === best)
    .map((n) => n.candidate)
    .sort()
    .slice(0, max);
}

export interface UnknownName {
  name: string;
  suggestions: string[];
}

/** Which of `names` the catalog lacks, each with close matches. */
export async function unknownNames(names: string[], client: DbClient = db): Promise<UnknownName[]> {
  const wanted = [...new Set(names)];
  if (!wanted.length) return [];
  const known = new Set(
    (await client.function.findMany({ where: { name: { in: wanted } }, select: { name: true } })).map((f) => f.name),
  );
  const missing = wanted.filter((n) => !known.has(n));
  if (!missing.length) return [];
  const catalog = (await client.function.findMany({ select: { name: true } })).map((f) => f.name);
  return missing.map((name) => ({ name, suggestions: closeMatches(name, catalog) }));
}
