import type { z } from "zod";
import { errorResponse } from "@/lib/server/api/http";
import { clientAddress } from "@/lib/server/http/client-address";
import { markGated, passOpenGate } from "@/lib/server/gate/core";

interface OpenRouteRule<S extends z.ZodType> {
  /** Reads the request's input (its query, its form). */
  read: (request: Request) => Promise<unknown>;
  schema: S;
  /** Per client address: the budget of this route's key. */
  rateLimit: { key: string; limit: number; windowSeconds: number };
}

/**
 * The door for route handlers that signed-out callers may post to, authorised by what they carry rather than
 * a session (a signed unsubscribe link, which mail providers post to cross-site by design, RFC 8058): rate
 * limited per client address, then validated. Refusals are JSON in the API's error shape.
 */
export function openRoute<S extends z.ZodType>(
  rule: OpenRouteRule<S>,
  handler: (call: { request: Request; input: z.output<S> }) => Promise<Response>,
) {
  return markGated(async (request: Request): Promise<Response> => {
    try {
      const { key, limit, windowSeconds } = rule.rateLimit;
      const open = { rateLimit: { key: `${key}:${clientAddress(request.headers)}`, limit, windowSeconds } };
      const input = await passOpenGate({ schema: rule.schema, open }, await rule.read(request));
      return await handler({ request, input });
    } catch (error) {
      return errorResponse(error);
    }
  });
}
