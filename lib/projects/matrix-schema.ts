import { z } from "zod";
import { STATUS_NAMES } from "@/lib/functions/status";

export const MATRIX_PAGE_SIZE = 100;

export const matrixQuerySchema = z.object({
  /** Functions whose name contains this. */
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(STATUS_NAMES).optional().catch(undefined),
  sort: z.enum(["needed", "name"]).default("needed").catch("needed"),
  /** Every catalog function as a row, not only those some project needs. */
  all: z.enum(["1"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).default(1).catch(1),
});
export type MatrixQuery = z.infer<typeof matrixQuerySchema>;
