import { firstValues } from "@/lib/server/http/search-params";
import { z } from "zod";
import { AS_SAFETY_ESTIMATES, PRIORITIES } from "@/lib/pages/fields";
import { STATUS_NAMES } from "@/lib/functions/status";
import { EVIDENCE_KINDS } from "@/lib/evidence/agreement";
import { REACH_FILTERS } from "@/lib/reachability/filters";

export const CATALOG_PAGE_SIZE = 50;

/** Catalog filters as they appear in the URL; anything unknown falls back to "no filter". */
export const catalogQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(STATUS_NAMES).optional().catch(undefined),
  as: z.enum(["safe", "unsafe", "undocumented"]).optional().catch(undefined),
  posix: z.enum(["listed", "removed", "not-listed"]).optional().catch(undefined),
  project: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]*$/)
    .optional()
    .catch(undefined),
  priority: z.enum(PRIORITIES).optional().catch(undefined),
  /** Kind of the current implementation evidence; "none" for functions without any. */
  kind: z
    .enum([...EVIDENCE_KINDS, "none"])
    .optional()
    .catch(undefined),
  /**
   * The maintainers' AS-safety estimate as the function shows it: its agreed revision's while an
   * agreement stands (an unreviewed edit never moves it), else its proposal's; "none" before any.
   */
  estimate: z
    .enum([...AS_SAFETY_ESTIMATES, "none"])
    .optional()
    .catch(undefined),
  /** "1": the estimate disagrees with the evidence (lib/evidence/agreement.ts). */
  disagrees: z.enum(["1"]).optional().catch(undefined),
  /** What the function reaches in the analysed libc (lib/reachability/filters.ts). */
  reach: z.enum(REACH_FILTERS).optional().catch(undefined),
  sort: z.enum(["name", "needed", "changed"]).default("name").catch("name"),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type CatalogQuery = z.infer<typeof catalogQuerySchema>;

/** Reads Next's searchParams (values may be arrays) into a CatalogQuery. */
export function parseCatalogQuery(params: Record<string, string | string[] | undefined>): CatalogQuery {
  const flat = firstValues(params);
  return catalogQuerySchema.parse(flat);
}
