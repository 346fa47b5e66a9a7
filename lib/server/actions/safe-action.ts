import { z } from "zod";
import { AuthorizationError, type Actor, type Permission } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";
import { fieldErrorsOf } from "@/lib/server/actions/form-errors";
import { RateLimitedError } from "@/lib/server/actions/rate-limit";
import type { FormState } from "@/lib/server/actions/state";
import { markGated, passGate, passOpenGate, type GateRule, type OpenGateRule } from "@/lib/server/gate/core";

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

type Refusal = { message: string; fieldErrors?: Record<string, string[]> };

/** What the gate and a handler may throw, as a message for the user; anything else is a bug and propagates. */
function refusalOf(error: unknown): Refusal | null {
  if (error instanceof z.ZodError) {
    return { message: "Please correct the fields marked below.", fieldErrors: fieldErrorsOf(error) };
  }
  if (error instanceof ActionError) return { message: error.message, fieldErrors: error.fieldErrors };
  if (error instanceof AuthorizationError || error instanceof RateLimitedError) return { message: error.message };
  return null;
}

async function refusing<R>(run: () => Promise<R>, refuse: (refusal: Refusal) => R): Promise<R> {
  try {
    return await run();
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal) return refuse(refusal);
    throw error;
  }
}

const formRefusal = (refusal: Refusal): FormState => ({ status: "error", ...refusal });

/**
 * The door for forms: every server action that writes goes through it. The
 * actor comes from the session (fresh from the database), then the form is
 * validated with zod, authorised and rate-limited before the handler runs,
 * which therefore always has a signed-in actor. Refusals become form state;
 * nothing is written unless the handler runs to completion.
 */
export function safeAction<S extends z.ZodType, R extends FormState>(
  rule: GateRule<S>,
  handler: (input: z.output<S>, actor: Actor) => Promise<R>,
) {
  return markGated(async (_previous: FormState, formData: FormData): Promise<R | FormState> =>
    refusing(async () => {
      const { input, actor } = await passGate(rule, await currentActor(), formDataToObject(formData), formKey);
      return handler(input, actor);
    }, formRefusal),
  );
}

/**
 * A server action called with a typed argument rather than a form (e.g. a
 * preview), through the same pipeline; a refusal comes back as `refuse(message)`
 * with the first field's message when the input was invalid.
 */
export function safeCall<S extends z.ZodType, R>(
  rule: GateRule<S>,
  handler: (input: z.output<S>, actor: Actor) => Promise<R>,
  refuse: (message: string) => R,
) {
  return markGated(async (rawInput: z.input<S>): Promise<R> =>
    refusing(
      async () => {
        const { input, actor } = await passGate(rule, await currentActor(), rawInput, formKey);
        return handler(input, actor);
      },
      (refusal) => refuse(Object.values(refusal.fieldErrors ?? {})[0]?.[0] ?? refusal.message),
    ),
  );
}

/** A form signed-out visitors may post (registration): rate-limited by the rule's key, then validated. */
export function openAction<S extends z.ZodType>(
  rule: () => Promise<OpenGateRule<S>>,
  handler: (input: z.output<S>) => Promise<FormState>,
) {
  return markGated(async (_previous: FormState, formData: FormData): Promise<FormState> =>
    refusing(async () => handler(await passOpenGate(await rule(), formDataToObject(formData))), formRefusal),
  );
}

/** Each kind of action has its own budget, so that frequent small ones (marking a page seen) cannot use up a save's. */
const formKey = (actor: Actor, permission: Permission) => `action:${permission.action}:${actor.id}`;
