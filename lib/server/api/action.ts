import { z } from "zod";
import type { Actor, Permission } from "@/lib/auth/permissions";
import { apiCaller } from "@/lib/server/api/auth";
import { errorResponse, readJsonValue } from "@/lib/server/api/http";
import { markGated, passGate } from "@/lib/server/gate/core";

type RouteContext<P> = { params: Promise<P> };

interface ApiRule<P, S extends z.ZodType> {
  /** The JSON body's schema; omit for a request without a body. */
  body?: S;
  permission: (input: { params: P; body: z.output<S> }) => Permission | Promise<Permission>;
  rateLimitPerMinute?: number;
}

interface ApiCall<P, S extends z.ZodType> {
  request: Request;
  params: P;
  body: z.output<S>;
  actor: Actor;
}

/** Writes one API token may make per minute. */
export const API_WRITES_PER_MINUTE = 60;

/**
 * The door for API writes: the bearer token's owner (never a session cookie,
 * so a browser cannot be tricked into writing through the API), then the
 * JSON body through zod, then authorize and the token's rate limit, the same
 * pipeline as forms. Whatever is thrown becomes the API's one error shape.
 */
// Without a declared body, S stays z.ZodUndefined and the body is undefined.
export function apiAction<P extends Record<string, string>, S extends z.ZodType = z.ZodUndefined>(
  rule: ApiRule<P, S>,
  handler: (call: ApiCall<P, S>) => Promise<Response>,
) {
  const schema = (rule.body ?? z.undefined()) as S;
  return markGated(async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      const caller = await apiCaller(request);
      const params = await context.params;
      const { input: body, actor } = await passGate(
        {
          schema,
          permission: (body) => rule.permission({ params, body }),
          rateLimitPerMinute: rule.rateLimitPerMinute ?? API_WRITES_PER_MINUTE,
        },
        caller.actor,
        rule.body ? await readJsonValue(request) : undefined,
        () => `api:token:${caller.tokenId}`,
      );
      return await handler({ request, params, body, actor });
    } catch (error) {
      return errorResponse(error);
    }
  });
}
