import type { TestProject } from "vitest/node";
import { deployMigrations } from "@/lib/server/migrations/engine";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "@/lib/server/test-databases";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

/** Migrates one template database per run; each test file clones it (CREATE DATABASE … TEMPLATE). */
export default async function setup(project: TestProject) {
  const name = uniqueDatabaseName("afterfork_tpl");
  const url = await createDatabase(name);
  await deployMigrations(url);
  project.provide("templateDatabase", name);
  return async () => {
    await dropDatabase(name);
  };
}
