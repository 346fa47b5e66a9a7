import { z } from "zod";
import { currentActor } from "@/lib/auth/session";
import { AuthorizationError, authorize, type Actor, type Permission } from "@/lib/auth/permissions";
import { hitRateLimit, RateLimitedError } from "@/lib/server/actions/rate-limit";
import type { FormState } from "@/lib/server/actions/state";
import { fieldErrorsOf } from "@/lib/server/actions/form-errors";

/** A refusal with a message for the user (and optional field errors). */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
  }
}

/** Form fields as an object; a name posted more than once (checkboxes) becomes an array. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const existing = out[key];
    out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

interface ActionOptions<S extends z.ZodType> {
  schema: S;
  /** The permission this input needs; decided by lib/auth/permissions. Omit only for actions open to signed-out users. */
  permission?: (input: z.output<S>) => Permission | Promise<Permission>;
  /** Writes per actor per minute. */
  rateLimitPerMinute?: number;
}

/**
 * The one wrapper every server action goes through: reads the actor from the
 * session (fresh from the database), validates the form with zod, rate-limits
 * and authorises before the handler runs. Errors become form state; nothing
 * is written unless the handler runs to completion.
 */
export function safeAction<S extends z.ZodType>(
  options: ActionOptions<S>,
  handler: (input: z.output<S>, actor: Actor | null) => Promise<FormState>,
) {
  return async (_previous: FormState, formData: FormData): Promise<FormState> => {
    const parsed = options.schema.safeParse(formDataToObject(formData));
    if (!parsed.success) {
      return {
        status: "error",
        message: "Please correct the fields marked below.",
        fieldErrors: fieldErrorsOf(parsed.error),
      };
    }
    try {
      const actor = await currentActor();
      if (options.permission) authorize(actor, await options.permission(parsed.data));
      if (options.rateLimitPerMinute) {
        await hitRateLimit(`action:${actor?.id ?? "anonymous"}`, options.rateLimitPerMinute, 60);
      }
      return await handler(parsed.data, actor);
    } catch (error) {
      if (error instanceof ActionError)
        return { status: "error", message: error.message, fieldErrors: error.fieldErrors };
      if (error instanceof AuthorizationError || error instanceof RateLimitedError)
        return { status: "error", message: error.message };
      throw error;
    }
  };
}
