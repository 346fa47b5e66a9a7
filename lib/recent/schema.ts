import { firstValues } from "@/lib/server/http/search-params";
import { z } from "zod";

export const RECENT_KINDS = ["edit", "comment", "vote", "decision"] as const;
export type RecentKind = (typeof RECENT_KINDS)[number];
export const RECENT_PAGE_SIZE = 50;

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

/** Recent-changes filters as they appear in the URL; unknown values mean "no filter". */
export const recentQuerySchema = z.object({
  kind: z.enum(RECENT_KINDS).optional().catch(undefined),
  project: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/)
    .optional()
    .catch(undefined),
  user: z.coerce.number().int().positive().optional().catch(undefined),
  since: date,
  until: date,
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type RecentQuery = z.infer<typeof recentQuerySchema>;

export function parseRecentQuery(params: Record<string, string | string[] | undefined>): RecentQuery {
  const flat = firstValues(params);
  return recentQuerySchema.parse(flat);
}
