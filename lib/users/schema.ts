import { z } from "zod";
import { ROLES } from "@/lib/users/roles";

export const MIN_PASSWORD_LENGTH = 10;

export const registrationSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(320)
    .pipe(z.email("Enter a valid email address, such as you@example.org.")),
  name: z.string().trim().min(1, "Enter the name others will see.").max(100, "Keep the name under 100 characters."),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(200, "Use at most 200 characters."),
});
export type RegistrationInput = z.infer<typeof registrationSchema>;

const userId = z.coerce.number().int().positive();

export const setRoleSchema = z.object({ userId, role: z.enum(ROLES) });
export const setDisabledSchema = z.object({
  userId,
  disabled: z.enum(["true", "false"]).transform((v) => v === "true"),
});
export const setProjectsSchema = z.object({
  userId,
  /** Checked project boxes: absent, one value or several. */
  projectIds: z.preprocess(
    (v) => (v === undefined ? [] : [v].flat()),
    z.array(z.coerce.number().int().positive()).max(100),
  ),
});
