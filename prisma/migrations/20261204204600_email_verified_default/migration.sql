-- An account is unverified only when registration by password asked for it while mail is on
-- (lib/users/mutations.ts): seeded, OAuth-made (the provider verified the address) and
-- administratively created accounts count as verified from the start.
ALTER TABLE "users" ALTER COLUMN "email_verified_at" SET DEFAULT CURRENT_TIMESTAMP;
