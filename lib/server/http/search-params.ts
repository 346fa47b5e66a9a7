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

/**
 * The URL of a list view: the query's values as parameters, less the empty ones and those at their default
 * (page 1 always, plus the caller's), so that one view has one URL.
 */
export function listHref(
  base: string,
  query: Record<string, string | number | boolean | undefined>,
  defaults: Record<string, string | number> = {},
): string {
  const omitted: Record<string, string | number> = { page: 1, ...defaults };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== "" && omitted[key] !== value) params.set(key, String(value));
  const search = params.toString();
  return search ? `${base}?${search}` : base;
}
