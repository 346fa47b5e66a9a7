"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { ActionError, openAction, safeAction } from "@/lib/server/actions/safe-action";
import { clientAddress } from "@/lib/server/http/client-address";
import { setUserDisabled, setUserProjects, setUserRole } from "@/lib/users/mutations";
import { register } from "@/lib/users/registration";
import { setDisabledSchema, setProjectsSchema, setRoleSchema } from "@/lib/users/schema";

/**
 * Registration is open to signed-out visitors, so it is limited per client
 * address (X-Forwarded-For only through TRUST_PROXY); register() validates the form.
 */
export const registerAction = openAction(
  async () => {
    const ip = clientAddress(await headers());
    return { schema: formObjectSchema, open: { rateLimit: { key: `register:${ip}`, limit: 20, windowSeconds: 3600 } } };
  },
  (form) => register(form),
);

const formObjectSchema = z.record(z.string(), z.unknown());

const manage = { permission: () => ({ action: "users.manage" }) as const, rateLimitPerMinute: 120 };

export const setRoleAction = safeAction({ schema: setRoleSchema, ...manage }, async (input, actor) => {
  if (input.userId === actor.id && input.role !== "admin")
    throw new ActionError("You cannot take the admin role from yourself.");
  await setUserRole(actor.id, input.userId, input.role);
  revalidatePath("/admin/users");
  return { status: "ok", message: "Role changed." };
});

export const setDisabledAction = safeAction({ schema: setDisabledSchema, ...manage }, async (input, actor) => {
  if (input.userId === actor.id) throw new ActionError("You cannot disable your own account.");
  await setUserDisabled(actor.id, input.userId, input.disabled);
  revalidatePath("/admin/users");
  return { status: "ok", message: input.disabled ? "Account disabled." : "Account enabled." };
});

export const setProjectsAction = safeAction({ schema: setProjectsSchema, ...manage }, async (input, actor) => {
  await setUserProjects(actor.id, input.userId, input.projectIds);
  revalidatePath("/admin/users");
  return { status: "ok", message: "Projects updated." };
});
