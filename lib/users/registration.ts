import { fieldErrorsOf } from "@/lib/server/actions/form-errors";
import type { FormState } from "@/lib/server/actions/state";
import { db, type DbClient } from "@/lib/db";
import { EmailTakenError, registerUser } from "@/lib/users/mutations";
import { registrationSchema } from "@/lib/users/schema";

/** Validates a registration form and creates a reader; bad input returns field errors and writes nothing. */
export async function register(raw: unknown, client: DbClient = db): Promise<FormState> {
  const parsed = registrationSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      status: "error",
      message: "Please correct the fields marked below.",
      fieldErrors: fieldErrorsOf(parsed.error),
    };
  }
  try {
    await registerUser(parsed.data, client);
  } catch (error) {
    if (error instanceof EmailTakenError)
      return { status: "error", message: error.message, fieldErrors: { email: [error.message] } };
    throw error;
  }
  return { status: "ok", message: "Your account is ready." };
}
