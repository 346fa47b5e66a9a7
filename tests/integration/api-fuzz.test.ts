import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import * as functionsRoute from "@/app/api/v1/functions/route";
import * as functionRoute from "@/app/api/v1/functions/[name]/route";
import * as proposalRoute from "@/app/api/v1/functions/[name]/proposal/route";
import * as revisionsRoute from "@/app/api/v1/functions/[name]/revisions/route";
import * as diffRoute from "@/app/api/v1/functions/[name]/diff/route";
import * as votesRoute from "@/app/api/v1/functions/[name]/votes/route";
import * as agreementRoute from "@/app/api/v1/functions/[name]/agreement/route";
import * as needsRoute from "@/app/api/v1/projects/[slug]/needs/route";
import { db } from "@/lib/db";
import { seed } from "@/lib/seed";
import { createApiToken } from "@/lib/tokens/tokens";

// Property-based fuzzing of every JSON endpoint: arbitrary bodies, query
// strings and path parameters never produce a 5xx, and a rejected request
// never changes a row.

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const TABLES = ["functions", "pages", "revisions", "needs", "votes", "decisions", "comments", "audit_events"];

async function fingerprint(): Promise<string> {
  const parts: string[] = [];
  for (const table of TABLES) {
    const [row] = await db.$queryRawUnsafe<{ h: string }[]>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${table} t`,
    );
    parts.push(row!.h);
  }
  return parts.join(",");
}

let token = "";

beforeAll(async () => {
  await seed(db);
  const maintainer = await db.user.create({ data: { email: "fuzz@example.org", name: "Fuzz", role: "maintainer" } });
  token = (await createApiToken(maintainer.id, "fuzz", maintainer.id)).token;
});

const jsonValue = fc.jsonValue({ maxDepth: 4 });
const names = fc.oneof(
  fc.constantFrom("mount", "setgroups", "no_such_fn", "", "%00", "../etc"),
  fc.string({ maxLength: 30 }),
);
const queryString = fc.dictionary(
  fc.constantFrom("status", "q", "project", "limit", "cursor", "from", "to", "priority"),
  fc.string({ maxLength: 20 }),
  { maxKeys: 4 },
);

async function send(
  handler: Handler,
  method: string,
  params: Record<string, string>,
  init: { body?: string; query?: Record<string, string>; ifMatch?: string; auth?: boolean },
) {
  const url = new URL(`http://127.0.0.1/api/v1/x`);
  for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
  const headers = new Headers({ "content-type": "application/json" });
  if (init.auth) headers.set("authorization", `Bearer ${token}`);
  if (init.ifMatch !== undefined) headers.set("if-match", init.ifMatch);
  return handler(new Request(url, { method, headers, body: init.body }), { params: Promise.resolve(params) });
}

const WRITES: { name: string; handler: Handler; method: string; params: (name: string) => Record<string, string> }[] = [
  { name: "PUT proposal", handler: proposalRoute.PUT as Handler, method: "PUT", params: (name) => ({ name }) },
  { name: "POST votes", handler: votesRoute.POST as Handler, method: "POST", params: (name) => ({ name }) },
  { name: "POST agreement", handler: agreementRoute.POST as Handler, method: "POST", params: (name) => ({ name }) },
  { name: "PUT needs", handler: needsRoute.PUT as Handler, method: "PUT", params: (slug) => ({ slug }) },
];

const READS: { name: string; handler: Handler; params: (name: string) => Record<string, string> }[] = [
  { name: "GET functions", handler: functionsRoute.GET as Handler, params: () => ({}) },
  { name: "GET function", handler: functionRoute.GET as Handler, params: (name) => ({ name }) },
  { name: "GET revisions", handler: revisionsRoute.GET as Handler, params: (name) => ({ name }) },
  { name: "GET diff", handler: diffRoute.GET as Handler, params: (name) => ({ name }) },
  { name: "GET needs", handler: needsRoute.GET as Handler, params: (slug) => ({ slug }) },
];

describe("fuzzing the JSON API", () => {
  for (const endpoint of WRITES) {
    it(`${endpoint.name}: arbitrary bodies never give a 5xx, and rejected ones change nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(
          names,
          fc.oneof(
            jsonValue.map((v) => JSON.stringify(v)),
            fc.string({ maxLength: 200 }),
          ),
          fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
          async (name, body, ifMatch) => {
            // Keep the per-token write limit out of the way: each run starts a new minute bucket.
            await db.rateLimitBucket.deleteMany({});
            const before = await fingerprint();
            const response = await send(endpoint.handler, endpoint.method, endpoint.params(name), {
              body,
              ifMatch,
              auth: true,
            });
            expect(response.status, `${endpoint.name} ${name} ${body}`).toBeLessThan(500);
            if (response.status >= 400) expect(await fingerprint()).toBe(before);
          },
        ),
        { numRuns: 60 },
      );
    });
  }

  for (const endpoint of READS) {
    it(`${endpoint.name}: arbitrary paths and query strings never give a 5xx`, async () => {
      await fc.assert(
        fc.asyncProperty(names, queryString, async (name, query) => {
          const response = await send(endpoint.handler, "GET", endpoint.params(name), { query });
          expect(response.status, `${endpoint.name} ${name} ${JSON.stringify(query)}`).toBeLessThan(500);
          await response.text();
        }),
        { numRuns: 60 },
      );
    });
  }
});
