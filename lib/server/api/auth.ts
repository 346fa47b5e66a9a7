import type { Actor } from "@/lib/auth/permissions";
import { loadActor } from "@/lib/auth/session";
import { ApiError } from "@/lib/server/api/http";
import { checkApiToken } from "@/lib/tokens/tokens";

export interface ApiCaller {
  actor: Actor;
  tokenId: number;
}

const unauthenticated = (message: string) =>
  new ApiError(401, "unauthenticated", message, {}, { "www-authenticate": 'Bearer realm="afterfork"' });

/**
 * The caller of a write: the owner of the request's bearer token, acting with
 * the owner's role as read from the database now. The API never reads
 * session cookies, so a browser cannot be tricked into writing through it.
 * apiAction (lib/server/api/action.ts) counts each call against the token's rate limit.
 */
export async function apiCaller(request: Request): Promise<ApiCaller> {
  const header = request.headers.get("authorization");
  if (!header)
    throw unauthenticated(
      "This request needs an API token: send Authorization: Bearer <token>. Create a token at /settings/tokens.",
    );
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthenticated("The Authorization header must read: Bearer <token>.");
  const check = await checkApiToken(match[1]!);
  if (!check.ok) {
    throw unauthenticated(
      check.reason === "revoked"
        ? "This API token was revoked."
        : check.reason === "disabled"
          ? "The account that owns this API token is disabled."
          : "This API token is not valid.",
    );
  }
  const actor = await loadActor(check.userId);
  if (!actor) throw unauthenticated("The account that owns this API token is disabled.");
  return { actor, tokenId: check.tokenId };
}
