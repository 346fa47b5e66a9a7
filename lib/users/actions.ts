"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { ActionError, formDataToObject, safeAction } from "@/lib/server/actions/safe-action";
import { hitRateLimit, RateLimitedError } from "@/lib/server/actions/rate-limit";
import type { FormState } from "@/lib/server/actions/state";
import { setUserDisabled, setUserProjects, setUserRole } from "@/lib/users/mutations";
import { register } from "@/lib/users/registration";
import { setDisabledSchema, setProjectsSchema, setRoleSchema } from "@/lib/users/schema";

export async function registerAction(_previous: FormState, data: FormData): Promise<FormState> {
  const ip = (await headers()).get("x-forwarded-for")?.split(",")[0]?.trim() || "local";
  try {
    await hitRateLimit(`register:${ip}`, 20, 3600);
  } catch (error) {
    if (error instanceof RateLimitedError) return { status: "error", message: error.message };
    throw error;
  }
  return register(formDataToObject(data));
}

const manage = { permission: () => ({ action: "users.manage" }) as const, rateLimitPerMinute: 120 };

export const setRoleAction = safeAction({ schema: setRoleSchema, ...manage }, async (input, actor) => {
  if (input.userId === actor!.id && input.role !== "admin")
    throw new ActionError("You cannot take the admin role from yourself.");
  await setUserRole(actor!.id, input.userId, input.role);
  revalidatePath("/admin/users");
  return { status: "ok", message: "Role changed." };
});

export const setDisabledAction = safeAction({ schema: setDisabledSchema, ...manage }, async (input, actor) => {
  if (input.userId === actor!.id) throw new ActionError("You cannot disable your own account.");
  await setUserDisabled(actor!.id, input.userId, input.disabled);
  revalidatePath("/admin/users");
  return { status: "ok", message: input.disabled ? "Account disabled." : "Account enabled." };
});

export const setProjectsAction = safeAction({ schema: setProjectsSchema, ...manage }, async (input, actor) => {
  await setUserProjects(actor!.id, input.userId, input.projectIds);
  revalidatePath("/admin/users");
  return { status: "ok", message: "Projects updated." };
});
