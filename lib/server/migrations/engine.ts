import { readFileSync, readdirSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";

// Prisma's CLI downloads a native schema engine, which these machines cannot
// reach. Prisma also publishes the same engine compiled to WebAssembly; driven
// through the pg driver adapter it applies `prisma/migrations` and records
// `_prisma_migrations` exactly as `prisma migrate deploy` does. The package's
// entry point imports the .wasm as an ES module, which Node cannot, so the
// module is instantiated here with the package's own glue.

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");
export const SCHEMA_PATH = path.join(process.cwd(), "prisma", "schema.prisma");

let loaded = false;
function loadWasm(): void {
  if (loaded) return;
  const require = createRequire(import.meta.url);
  const glueFile = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = readFileSync(path.join(path.dirname(glueFile), "schema_engine_bg.wasm"));
  const compiled = new WebAssembly.Module(bytes);
  const instance = new WebAssembly.Instance(compiled, {
    "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
  });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  loaded = true;
}

type ScriptRunner = { client: { query(sql: string): Promise<unknown> }; onError(error: unknown): never };

/**
 * The pg adapter runs a script by splitting it at every ";", which breaks
 * dollar-quoted function bodies. The native engine sends a migration as one
 * simple-protocol query (one implicit transaction); this does the same.
 */
class WholeScriptPg extends PrismaPg {
  /** Connections the engine opened; it does not close them itself. */
  readonly opened: { dispose(): Promise<void> }[] = [];

  override async connect() {
    const adapter = await super.connect();
    this.opened.push(adapter);
    const runner = adapter as unknown as ScriptRunner;
    adapter.executeScript = async (script: string) => {
      try {
        await runner.client.query(script);
      } catch (error) {
        runner.onError(error);
      }
    };
    return adapter;
  }
}

async function withEngine<T>(connectionString: string, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  loadWasm();
  const factory = new WholeScriptPg({ connectionString });
  const engine = await glue.SchemaEngine.new(
    { datamodels: undefined },
    () => {},
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await run(engine);
  } finally {
    engine.free();
    await Promise.all(factory.opened.map((adapter) => adapter.dispose()));
  }
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationList {
  const directories = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = path.join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: directories.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: readFileSync(path.join(dir, name, "migration.sql"), "utf8") },
      },
    })),
  };
}

const noFilters = { externalTables: [], externalEnums: [] };

/** Applies pending migrations, like `prisma migrate deploy`. Returns the names applied. */
export async function deployMigrations(connectionString: string): Promise<string[]> {
  return withEngine(connectionString, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: readMigrations(), filters: noFilters });
    return out.appliedMigrationNames;
  });
}

/**
 * SQL that takes a database from the state the existing migrations leave to
 * the state the schema describes, like `prisma migrate diff
 * --from-migrations … --to-schema …`; computed without a shadow database by
 * diffing the datamodel the migrations were generated from.
 */
export async function diffSchemas(
  connectionString: string,
  fromDatamodel: string | null,
  toDatamodel: string,
): Promise<string> {
  return withEngine(connectionString, async (engine) => {
    const result = await engine.diff({
      from:
        fromDatamodel === null
          ? { tag: "empty" }
          : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: fromDatamodel }] },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: toDatamodel }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return result.stdout ?? "";
  });
}
