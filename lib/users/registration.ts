import { fieldErrorsOf } from "@/lib/server/actions/form-errors";
import type { FormState } from "@/lib/server/actions/state";
import { db, type DbClient } from "@/lib/db";
import { sendVerificationMail } from "@/lib/mail/accounts";
import { EmailTakenError, registerUser } from "@/lib/users/mutations";
import { registrationSchema } from "@/lib/users/schema";

/**
 * Validates a registration form and creates a reader, mailing the link that confirms the address when mail is
 * on; bad input returns field errors and writes nothing.
 */
export async function register(raw: unknown, client: DbClient = db): Promise<FormState> {
  const parsed = registrationSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      status: "error",
      message: "Please correct the fields marked below.",
      fieldErrors: fieldErrorsOf(parsed.error),
    };
  }
  let user;
  try {
    user = await registerUser(parsed.data, client);
  } catch (error) {
    if (error instanceof EmailTakenError)
      return { status: "error", message: error.message, fieldErrors: { email: [error.message] } };
    throw error;
  }
  if (user.emailVerifiedAt) return { status: "ok", message: "Your account is ready." };
  try {
    await sendVerificationMail(user.id, client);
  } catch (error) {
    // The account exists either way; its settings page sends the link again once mail works.
    console.error("The confirmation mail could not be sent:", error);
    return {
      status: "ok",
      message: "Your account is made, but the confirmation mail could not be sent. Send it again from Account.",
    };
  }
  return { status: "ok", message: `Your account is made. Open the link mailed to ${user.email} to confirm it.` };
}
