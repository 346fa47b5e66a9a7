// `npm run seed`: seeds DATABASE_URL (idempotent); demo accounts too when SEED_DEMO_USERS=1.
import { db } from "../lib/db";
import { seed } from "../lib/seed";
import { seedDemoUsers } from "../lib/seed/demo-users";

async function main(): Promise<void> {
  await seed(db, (line) => console.log(line));
  if (process.env.SEED_DEMO_USERS === "1") await seedDemoUsers(db);
  console.log("Seed complete.");
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
