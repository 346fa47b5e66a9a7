import { forbidden, unauthorized } from "next/navigation";
import { can, type Actor, type Permission } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";

/**
 * The door for pages that only some users may open: the sign-in page for a
 * signed-out visitor (401), the forbidden page for a signed-in one without
 * the permission (403). Pages still call `can` to decide what to offer.
 */
export async function requireActor(permission?: Permission): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) unauthorized();
  if (permission && !can(actor, permission)) forbidden();
  return actor;
}
