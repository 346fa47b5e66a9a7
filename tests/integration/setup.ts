import { afterAll, inject } from "vitest";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "@/lib/server/test-databases";

// Runs before each integration test file: a fresh database cloned from the
// migrated template, which lib/db picks up through DATABASE_URL.
const name = uniqueDatabaseName("afterfork_test");
process.env.DATABASE_URL = await createDatabase(name, inject("templateDatabase"));

afterAll(async () => {
  const { db } = await import("@/lib/db");
  await db.$disconnect();
  await dropDatabase(name);
});
