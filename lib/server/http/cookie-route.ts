import { z } from "zod";
import { AuthorizationError, type Actor, type Permission } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";
import { ApiError, errorResponse } from "@/lib/server/api/http";
import { isSameOrigin } from "@/lib/server/http/same-origin";
import { markGated, passGate } from "@/lib/server/gate/core";

interface CookieRule<S extends z.ZodType> {
  /** Reads the request's input (a form, a query); omit for none. */
  read?: (request: Request) => Promise<unknown>;
  schema?: S;
  permission: (input: z.output<S>) => Permission | Promise<Permission>;
  rateLimitPerMinute?: number;
}

/** A body that cannot be read as the route expects (not a form, cut off) is the client's error. */
async function readInput(read: (request: Request) => Promise<unknown>, request: Request): Promise<unknown> {
  try {
    return await read(request);
  } catch (error) {
    if (error instanceof TypeError || error instanceof SyntaxError)
      throw new ApiError(400, "invalid_body", `The request body could not be read: ${error.message}`);
    throw error;
  }
}

/**
 * The door for route handlers that act for the signed-in user (admin
 * downloads and uploads): the session cookie's actor, a same-origin check for
 * anything but GET, then the gate's zod → authorize → rate limit. Refusals
 * are JSON in the API's error shape.
 */
export function cookieRoute<S extends z.ZodType = z.ZodUndefined>(
  rule: CookieRule<S>,
  handler: (call: { request: Request; input: z.output<S>; actor: Actor }) => Promise<Response>,
) {
  const schema = (rule.schema ?? z.undefined()) as S;
  return markGated(async (request: Request): Promise<Response> => {
    try {
      if (request.method !== "GET" && !isSameOrigin(request)) {
        throw new ApiError(403, "cross_site", "Cross-site request refused.");
      }
      // No permission is open to signed-out visitors, so they are refused before
      // an upload (a backup, a manual) is read at all.
      const caller = await currentActor();
      if (!caller) throw new AuthorizationError(false);
      const raw = rule.read ? await readInput(rule.read, request) : undefined;
      const { input, actor } = await passGate(
        { schema, permission: rule.permission, rateLimitPerMinute: rule.rateLimitPerMinute },
        caller,
        raw,
        (actor) => `route:${actor.id}`,
      );
      return await handler({ request, input, actor });
    } catch (error) {
      if (error instanceof AuthorizationError) {
        const [status, code] = error.signedIn ? [403, "forbidden"] : [401, "unauthenticated"];
        return errorResponse(new ApiError(status, code, error.message));
      }
      return errorResponse(error);
    }
  });
}
