export type SearchParams = Record<string, string | string[] | undefined>;

/** Next's searchParams as one string per key (the first when repeated); empty values count as absent. */
export function firstValues(params: SearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== "") out[key] = first;
  }
  return out;
}
