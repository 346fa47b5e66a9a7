import { z } from "zod";

export const tokenNameSchema = z
  .string()
  .trim()
  .min(1, "Name the token, e.g. “systemd CI”.")
  .max(100, "Keep the name under 100 characters.");

export const createTokenSchema = z.object({ name: tokenNameSchema });
export const revokeTokenSchema = z.object({ tokenId: z.coerce.number().int().positive() });
