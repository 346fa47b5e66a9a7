import { firstValues } from "@/lib/server/http/search-params";
import { z } from "zod";
import type { ExportGroup } from "@/lib/export/markdown";

export const EXPORT_GROUPS = ["status", "project"] as const satisfies readonly ExportGroup[];
export const INTRO_MAX = 2000;

/**
 * The export's options as they appear in the URL (the /export form submits
 * them with GET). Unknown values of underReview and group mean the default,
 * as with the other filters; an intro that is too long is an error.
 */
export const exportQuerySchema = z.object({
  underReview: z
    .string()
    .optional()
    .transform((v) => v === "1" || v === "on" || v === "true")
    .catch(false),
  group: z.enum(EXPORT_GROUPS).default("status").catch("status"),
  /** notes=0 leaves out each function's text (the agreed prose, or the current one under review). */
  notes: z
    .string()
    .optional()
    .transform((v) => !(v === "0" || v === "off" || v === "false"))
    .catch(true),
  intro: z
    .string()
    .max(INTRO_MAX, `Keep the introduction under ${INTRO_MAX.toLocaleString("en")} characters.`)
    .transform((v) => v.replace(/\r\n?/g, "\n").trim())
    .optional(),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

export type ParsedExportQuery = { ok: true; query: ExportQuery } | { ok: false; error: string };

export function parseExportQuery(params: Record<string, string | string[] | undefined>): ParsedExportQuery {
  const flat = firstValues(params);
  const parsed = exportQuerySchema.safeParse(flat);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => i.message).join(" ") };
  return { ok: true, query: parsed.data };
}

/** The query string of an export with these options (defaults left out), for links between the page and the file. */
export function exportSearch(query: ExportQuery): string {
  const params = new URLSearchParams();
  if (query.underReview) params.set("underReview", "1");
  if (query.group !== "status") params.set("group", query.group);
  if (!query.notes) params.set("notes", "0");
  if (query.intro) params.set("intro", query.intro);
  const s = params.toString();
  return s ? `?${s}` : "";
}
