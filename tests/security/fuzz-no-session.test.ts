import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";

// Every server action and every route handler that writes, called with
// random bodies and no session (no cookie, no token): never a server error,
// never a changed row. The modules are found the way the gate test finds
// them (tests/unit/server-action-gate.test.ts), so a new one is fuzzed too.
vi.mock("@/lib/auth/session", async (original) => ({
  ...(await original<typeof import("@/lib/auth/session")>()),
  currentActor: async () => null,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "127.0.0.1:3000" }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {}, delete: () => {} }),
}));

const { db } = await import("@/lib/db");
const { seed } = await import("@/lib/seed");
const { seedDemoUsers } = await import("@/lib/seed/demo-users");

const ROOT = path.resolve(__dirname, "../..");
function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}
const actionModules = [...sourceFiles("lib"), ...sourceFiles("app"), ...sourceFiles("components")].filter((file) =>
  /^\s*["']use server["']/.test(readFileSync(path.join(ROOT, file), "utf8")),
);
const routeModules = sourceFiles("app").filter((file) => file.endsWith("route.ts") && !file.includes("[...nextauth]"));

// Every table but the ephemeral counters that refusals are allowed to move.
const TABLES = [
  "users",
  "oauth_identities",
  "project_representatives",
  "projects",
  "functions",
  "pages",
  "revisions",
  "needs",
  "votes",
  "decisions",
  "comments",
  "audit_events",
  "settings",
  "access_tokens",
  "watches",
  "reference_imports",
];
async function fingerprint(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const [row] = await db.$queryRawUnsafe<{ h: string }[]>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${table} t`,
    );
    out[table] = row!.h;
  }
  return out;
}

beforeAll(async () => {
  await seed(db);
  await seedDemoUsers(db);
});

const FIELDS = [
  "projectId",
  "pageId",
  "functionName",
  "baseRevisionId",
  "text",
  "rows",
  "email",
  "password",
  "name",
  "userId",
  "role",
  "provider",
  "current",
  "confirm",
  "tokenId",
  "value",
  "revisionId",
  "summary",
];
const fieldValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer().map(String),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
);
const form = fc.dictionary(fc.constantFrom(...FIELDS), fieldValue, { maxKeys: 6 });
const argument = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom(...FIELDS), fc.jsonValue({ maxDepth: 2 })),
);

type FormAction = (state: unknown, data: FormData) => Promise<unknown>;
type CallAction = (input: unknown) => Promise<unknown>;
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

describe("fuzzing every server action without a session", () => {
  it("finds them", () => expect(actionModules.length).toBeGreaterThanOrEqual(9));

  it.each(actionModules)("%s: random forms never throw and change nothing", async (file) => {
    const exports: Record<string, unknown> = await import(path.join(ROOT, file));
    const before = await fingerprint();
    for (const [name, action] of Object.entries(exports)) {
      if (typeof action !== "function") continue;
      // safeCall's door takes one argument; the form doors take (state, formData).
      const property =
        action.length === 1
          ? fc.asyncProperty(argument, async (input) => {
              await (action as CallAction)(input);
            })
          : fc.asyncProperty(form, async (fields) => {
              const data = new FormData();
              for (const [k, v] of Object.entries(fields)) data.set(k, v);
              const state = (await (action as FormAction)({ status: "idle" }, data)) as { status: string };
              expect(state.status, name).toBe("error");
            });
      await fc.assert(property, { numRuns: 25 });
    }
    expect(await fingerprint()).toEqual(before);
  });
});

describe("fuzzing every route handler that writes, without a token or session", () => {
  it.each(routeModules)("%s: random bodies never give a 5xx and change nothing", async (file) => {
    const exports: Record<string, unknown> = await import(path.join(ROOT, file));
    const before = await fingerprint();
    for (const method of ["POST", "PUT", "PATCH", "DELETE"].filter((m) => typeof exports[m] === "function")) {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
            fc.string({ maxLength: 200 }),
          ),
          fc.string({ maxLength: 20 }),
          async (body, param) => {
            const request = new Request("http://127.0.0.1:3000/x", {
              method,
              headers: { "content-type": "application/json", origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" },
              body,
            });
            const params = Promise.resolve({ name: param, slug: param, id: param });
            const response = await (exports[method] as Handler)(request, { params });
            expect(response.status, `${method} ${file} ${body}`).toBeLessThan(500);
            expect(response.status, `${method} ${file}`).toBeGreaterThanOrEqual(400);
          },
        ),
        { numRuns: 25 },
      );
    }
    expect(await fingerprint()).toEqual(before);
  });
});
