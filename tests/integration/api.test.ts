import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import * as functionsRoute from "@/app/api/v1/functions/route";
import * as functionRoute from "@/app/api/v1/functions/[name]/route";
import * as proposalRoute from "@/app/api/v1/functions/[name]/proposal/route";
import * as functionRevisionsRoute from "@/app/api/v1/functions/[name]/revisions/route";
import * as functionDiffRoute from "@/app/api/v1/functions/[name]/diff/route";
import * as votesRoute from "@/app/api/v1/functions/[name]/votes/route";
import * as agreementRoute from "@/app/api/v1/functions/[name]/agreement/route";
import * as needsRoute from "@/app/api/v1/projects/[slug]/needs/route";
import * as projectRevisionsRoute from "@/app/api/v1/projects/[slug]/revisions/route";
import * as projectDiffRoute from "@/app/api/v1/projects/[slug]/diff/route";
import { API_WRITES_PER_MINUTE } from "@/lib/server/api/action";
import { MAX_BODY_BYTES } from "@/lib/server/api/http";
import { errorSchema } from "@/lib/server/api/schemas/common";
import { functionDetailSchema, functionListSchema } from "@/lib/server/api/schemas/functions";
import { diffOutSchema, needsOutSchema, revisionListSchema, saveResultSchema } from "@/lib/server/api/schemas/pages";
import { agreementResultSchema, voteResultSchema } from "@/lib/server/api/schemas/review";
import { db } from "@/lib/db";
import { DEFAULT_GUARANTEE } from "@/lib/pages/fields";
import { seed } from "@/lib/seed";
import {
  checkApiToken,
  createApiToken,
  listApiTokens,
  MAX_LIVE_TOKENS,
  revokeApiToken,
  TokenError,
} from "@/lib/tokens/tokens";
import { createFeedToken } from "@/lib/watch/watchlist";

// The JSON API called the way Next calls it: route handlers with Web
// Requests, against a real database, with a token for every kind of caller.

type Params = Record<string, string>;
type Handler<P extends Params> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;
interface Result {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked against the documented zod schemas
  body: any;
}

interface CallOptions {
  token?: string;
  body?: unknown;
  raw?: string;
  ifMatch?: string;
  authorization?: string;
}

async function call<P extends Params>(
  handler: Handler<P>,
  method: string,
  path: string,
  params: P,
  options: CallOptions = {},
): Promise<Result> {
  const headers = new Headers();
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  if (options.authorization) headers.set("authorization", options.authorization);
  if (options.ifMatch !== undefined) headers.set("if-match", options.ifMatch);
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers.set("content-type", "application/json");
  }
  const response = await handler(new Request(`http://afterfork.test${path}`, { method, headers, body }), {
    params: Promise.resolve(params),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

function parsed<S extends z.ZodType>(schema: S, result: Result, status = 200): z.output<S> {
  expect(result.status, JSON.stringify(result.body)).toBe(status);
  return schema.parse(result.body);
}

/** Everything a write could change. */
async function snapshot() {
  const [revisions, votes, decisions, functions, auditEvents, pages, needs, fns] = await Promise.all([
    db.revision.count(),
    db.vote.findMany({ orderBy: { id: "asc" }, select: { id: true, value: true, comment: true, updatedAt: true } }),
    db.decision.count(),
    db.function.count(),
    db.auditEvent.count(),
    db.page.findMany({ orderBy: { id: "asc" }, select: { id: true, currentRevisionId: true, agreedRevisionId: true } }),
    db.need.findMany({ orderBy: [{ projectId: "asc" }, { position: "asc" }] }),
    db.function.findMany({
      orderBy: { id: "asc" },
      select: { id: true, status: true, estimateKind: true, estimateAsSafety: true },
    }),
  ]);
  return { revisions, votes, decisions, functions, auditEvents, pages, needs, fns };
}

/** Runs a request that must be refused with `status` and `code`, and checks that it wrote nothing. */
async function refused(status: number, code: string, run: () => Promise<Result>): Promise<Result> {
  const before = await snapshot();
  const result = await run();
  expect(result.status, JSON.stringify(result.body)).toBe(status);
  expect(errorSchema.parse(result.body).error.code).toBe(code);
  expect(await snapshot()).toEqual(before);
  return result;
}

const fields = {
  guarantee: DEFAULT_GUARANTEE,
  implementationKind: "syscall stub",
  implementationNote: "",
  asSafety: "AS-safe",
} as const;

const tokens: Record<string, string> = {};
let rateLimitedTokenId = 0;

async function user(
  email: string,
  role: "reader" | "representative" | "maintainer" | "admin",
  projects: string[] = [],
) {
  const projectIds = (await db.project.findMany({ where: { slug: { in: projects } }, select: { id: true } })).map(
    (p) => p.id,
  );
  return db.user.create({
    data: {
      email,
      name: email.split("@")[0]!,
      role,
      projects: { create: projectIds.map((projectId) => ({ projectId })) },
    },
  });
}

beforeAll(async () => {
  await seed(db);
  const people = {
    reader: await user("reader@api.test", "reader"),
    repLinted: await user("rep-linted@api.test", "representative", ["linted"]),
    repSystemd: await user("rep-systemd@api.test", "representative", ["systemd"]),
    m1: await user("m1@api.test", "maintainer"),
    m2: await user("m2@api.test", "maintainer"),
    m3: await user("m3@api.test", "maintainer"),
    admin: await user("admin@api.test", "admin"),
    disabled: await user("disabled@api.test", "maintainer"),
  };
  for (const [key, person] of Object.entries(people))
    tokens[key] = (await createApiToken(person.id, `${key} token`, person.id)).token;
  await db.user.update({ where: { id: people.disabled.id }, data: { disabled: true } });
  const revoked = await createApiToken(people.m1.id, "old laptop", people.m1.id);
  expect(await revokeApiToken(people.m1.id, revoked.id)).toBe(true);
  tokens.revoked = revoked.token;
  tokens.feed = await createFeedToken(people.m1.id);
  const limited = await createApiToken(people.repLinted.id, "busy CI", people.repLinted.id);
  tokens.limited = limited.token;
  rateLimitedTokenId = limited.id;
  await db.function.createMany({ data: ["api_fresh", "api_race", "api_vote", "api_other"].map((name) => ({ name })) });
});

describe("reads are public", () => {
  it("lists every function once, in name order, across cursor pages; filters like the catalog", async () => {
    const names: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=250&cursor=${encodeURIComponent(cursor)}` : "?limit=250";
      const page: z.output<typeof functionListSchema> = parsed(
        functionListSchema,
        await call(functionsRoute.GET, "GET", `/api/v1/functions${query}`, {}),
      );
      names.push(...page.items.map((item) => item.name));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    const expected = await db.$queryRaw<{ name: string }[]>`SELECT name FROM functions ORDER BY name`;
    expect(names).toEqual(expected.map((r) => r.name));
    expect(pages).toBeGreaterThan(1);

    const linted = parsed(
      functionListSchema,
      await call(functionsRoute.GET, "GET", "/api/v1/functions?project=linted&limit=500", {}),
    );
    const lintedNeeds = await db.need.findMany({
      where: { project: { slug: "linted" } },
      select: { function: { select: { name: true } } },
    });
    expect(linted.items.map((i) => i.name).sort()).toEqual(lintedNeeds.map((n) => n.function.name).sort());
    expect(linted.items.every((i) => i.neededBy.some((n) => n.project === "linted"))).toBe(true);

    const search = parsed(
      functionListSchema,
      await call(functionsRoute.GET, "GET", "/api/v1/functions?q=SETGR&status=", {}),
    );
    expect(search.items.map((i) => i.name)).toContain("setgroups");
    expect(search.items.every((i) => i.name.toLowerCase().includes("setgr"))).toBe(true);

    const setgroups = search.items.find((i) => i.name === "setgroups")!;
    expect(setgroups.glibc).toMatchObject({
      as: expect.stringMatching(/^(Safe|Unsafe)$/),
      source: expect.stringContaining("glibc"),
    });
    expect(setgroups.estimate).not.toBeNull();
  });

  it("refuses malformed filters with field errors", async () => {
    const bad = await call(functionsRoute.GET, "GET", "/api/v1/functions?status=done&limit=0&cursor=nonsense", {});
    expect(bad.status).toBe(400);
    expect(Object.keys(errorSchema.parse(bad.body).error.fields!).sort()).toEqual(["cursor", "limit", "status"]);
  });

  it("gets a function with its proposal and an ETag; 404 for an unknown name", async () => {
    const result = await call(functionRoute.GET, "GET", "/api/v1/functions/setgroups", { name: "setgroups" });
    const detail = parsed(functionDetailSchema, result);
    expect(detail.name).toBe("setgroups");
    expect(detail.proposal.currentRevisionId).toEqual(expect.any(Number));
    expect(detail.proposal.fields?.guarantee).toBeTruthy();
    expect(result.headers.get("etag")).toBe(`"${detail.proposal.currentRevisionId}"`);
    const missing = await call(functionRoute.GET, "GET", "/api/v1/functions/no_such_fn", { name: "no_such_fn" });
    expect(missing.status).toBe(404);
    expect(errorSchema.parse(missing.body).error.message).toMatch(/no_such_fn/);
  });

  it("gets a needs list, its history page by page, and row diffs", async () => {
    const needs = parsed(
      needsOutSchema,
      await call(needsRoute.GET, "GET", "/api/v1/projects/linted/needs", { slug: "linted" }),
    );
    expect(needs.needs.length).toBeGreaterThan(5);
    const first = parsed(
      revisionListSchema,
      await call(projectRevisionsRoute.GET, "GET", "/api/v1/projects/linted/revisions?limit=1", { slug: "linted" }),
    );
    expect(first.items).toHaveLength(1);
    expect(first.items[0]!.id).toBe(needs.currentRevisionId);
    const second = parsed(
      revisionListSchema,
      await call(
        projectRevisionsRoute.GET,
        "GET",
        `/api/v1/projects/linted/revisions?limit=1&cursor=${first.nextCursor}`,
        { slug: "linted" },
      ),
    );
    expect(second.items[0]!.number).toBe(first.items[0]!.number - 1);

    // linted's 2017 revision added execve and sigtimedwait to its 2014 list.
    const lintedRevisions = await db.revision.findMany({
      where: { page: { project: { slug: "linted" } } },
      orderBy: { number: "asc" },
    });
    const diff = parsed(
      diffOutSchema,
      await call(projectDiffRoute.GET, "GET", `/api/v1/projects/linted/diff?to=${lintedRevisions[1]!.id}`, {
        slug: "linted",
      }),
    );
    expect(diff.from).toEqual({ id: lintedRevisions[0]!.id, number: 1 });
    expect(diff.fields.kind).toBe("needs");
    if (diff.fields.kind === "needs")
      expect(diff.fields.needs.added.map((r) => r.function)).toEqual(
        expect.arrayContaining(["execve", "sigtimedwait"]),
      );

    const foreign = (await db.revision.findFirstOrThrow({ where: { page: { kind: "proposal" } } })).id;
    expect(
      (await call(projectDiffRoute.GET, "GET", `/api/v1/projects/linted/diff?from=${foreign}`, { slug: "linted" }))
        .status,
    ).toBe(404);
    expect(
      (await call(projectDiffRoute.GET, "GET", "/api/v1/projects/linted/diff?from=abc", { slug: "linted" })).status,
    ).toBe(400);
    expect((await call(needsRoute.GET, "GET", "/api/v1/projects/nope/needs", { slug: "nope" })).status).toBe(404);
  });
});

describe("tokens", () => {
  it("refuses missing, malformed, unknown, revoked, feed and disabled-owner tokens with 401", async () => {
    const body = { needs: [] };
    const put = (options: CallOptions) => () =>
      call(
        needsRoute.PUT,
        "PUT",
        "/api/v1/projects/linted/needs",
        { slug: "linted" },
        { body, ifMatch: '"1"', ...options },
      );
    const none = await refused(401, "unauthenticated", put({}));
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    await refused(401, "unauthenticated", put({ authorization: "Basic abc" }));
    await refused(401, "unauthenticated", put({ token: "afk_not-a-real-token" }));
    expect((await refused(401, "unauthenticated", put({ token: tokens.revoked }))).body.error.message).toMatch(
      /revoked/,
    );
    await refused(401, "unauthenticated", put({ token: tokens.feed }));
    expect((await refused(401, "unauthenticated", put({ token: tokens.disabled }))).body.error.message).toMatch(
      /disabled/,
    );
  });

  it("records when a token was last used, lists tokens without secrets, and revokes only the owner's", async () => {
    const check = await checkApiToken(tokens.m2!);
    expect(check.ok).toBe(true);
    const m2 = await db.user.findUniqueOrThrow({ where: { email: "m2@api.test" } });
    const listed = await listApiTokens(m2.id);
    expect(listed).toHaveLength(1);
    expect(listed[0]!.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(tokens.m2);
    const m3 = await db.user.findUniqueOrThrow({ where: { email: "m3@api.test" } });
    expect(await revokeApiToken(m3.id, listed[0]!.id)).toBe(false);
    expect((await checkApiToken(tokens.m2!)).ok).toBe(true);
    expect(await checkApiToken(tokens.feed!)).toEqual({ ok: false, reason: "unknown" });
  });

  it("refuses tokens for disabled accounts and past the limit of live tokens; audits creation", async () => {
    const disabled = await db.user.findUniqueOrThrow({ where: { email: "disabled@api.test" } });
    await expect(createApiToken(disabled.id, "x", null)).rejects.toThrow(TokenError);
    const busy = await user("busy@api.test", "reader");
    for (let i = 0; i < MAX_LIVE_TOKENS; i++) await createApiToken(busy.id, `t${i}`, busy.id);
    await expect(createApiToken(busy.id, "one more", busy.id)).rejects.toThrow(/revoke one/);
    expect(await db.auditEvent.count({ where: { action: "token.api.create", targetId: String(busy.id) } })).toBe(
      MAX_LIVE_TOKENS,
    );
  });

  it("creates a token from the command line, printing only the token", () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "scripts/afterfork.ts", "token", "create", ...args], {
        env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
        encoding: "utf8",
      });
    const ok = run("--email", "M3@api.test", "--name", "release script");
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^afk_[A-Za-z0-9_-]+\n$/);
    const unknown = run("--email", "nobody@api.test", "--name", "x");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/no account with the email nobody@api.test/);
    const usage = run("--email", "m3@api.test");
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--name/);
    return checkApiToken(ok.stdout.trim()).then((check) => expect(check.ok).toBe(true));
  }, 60_000);
});

describe("needs lists", () => {
  const path = "/api/v1/projects/linted/needs";
  const params = { slug: "linted" };
  const current = async () => parsed(needsOutSchema, await call(needsRoute.GET, "GET", path, params));

  it("lets linted's representative and admins change linted's list, and nobody else", async () => {
    const before = await current();
    const extra = (await db.function.findFirstOrThrow({ where: { name: "api_other" } })).name;
    const body = {
      needs: [...before.needs, { function: extra, priority: "convenient", context: "spawn.c" }],
      summary: "CI: regenerated",
    };
    const ifMatch = `"${before.currentRevisionId}"`;
    for (const who of ["reader", "repSystemd", "m1"]) {
      const result = await refused(403, "forbidden", () =>
        call(needsRoute.PUT, "PUT", path, params, { token: tokens[who], body, ifMatch }),
      );
      expect(result.body.error.message).toMatch(/not allow/);
    }
    const saved = await call(needsRoute.PUT, "PUT", path, params, { token: tokens.repLinted, body, ifMatch });
    const result = parsed(saveResultSchema, saved, 201);
    expect(result).toMatchObject({ merged: false, unchanged: false });
    expect(saved.headers.get("location")).toBe(`/projects/linted/revisions/${result.number}`);
    expect(saved.headers.get("etag")).toBe(`"${result.revisionId}"`);
    const after = await current();
    expect(after.currentRevisionId).toBe(result.revisionId);
    expect(after.needs.at(-1)).toEqual({ function: extra, priority: "convenient", rationale: "", context: "spawn.c" });
    expect(await db.need.count({ where: { project: { slug: "linted" }, function: { name: extra } } })).toBe(1);
    const revision = await db.revision.findUniqueOrThrow({
      where: { id: result.revisionId },
      include: { author: true },
    });
    expect([revision.author.email, revision.summary, revision.text]).toEqual([
      "rep-linted@api.test",
      "CI: regenerated",
      before.text,
    ]);

    // The diff of the new revision shows the row as added.
    const diff = parsed(diffOutSchema, await call(projectDiffRoute.GET, "GET", "/api/v1/projects/linted/diff", params));
    expect(diff.to.id).toBe(result.revisionId);
    if (diff.fields.kind === "needs") expect(diff.fields.needs.added.map((r) => r.function)).toEqual([extra]);

    // An admin may edit any project's list.
    const byAdmin = await call(needsRoute.PUT, "PUT", path, params, {
      token: tokens.admin,
      body: { needs: after.needs.slice(0, -1), summary: "drop it again" },
      ifMatch: `"${result.revisionId}"`,
    });
    expect(parsed(saveResultSchema, byAdmin, 201).number).toBe(result.number + 1);
  });

  it("writes nothing when the list is unchanged", async () => {
    const before = await current();
    const result = await refusedNothing(() =>
      call(needsRoute.PUT, "PUT", path, params, {
        token: tokens.repLinted,
        body: { needs: before.needs },
        ifMatch: `"${before.currentRevisionId}"`,
      }),
    );
    expect(parsed(saveResultSchema, result, 200)).toMatchObject({
      revisionId: before.currentRevisionId,
      unchanged: true,
      merged: false,
    });
  });

  it("refuses bad bodies with field errors, and unknown names unless kept", async () => {
    const before = await current();
    const ifMatch = `"${before.currentRevisionId}"`;
    const put = (options: CallOptions) => () =>
      call(needsRoute.PUT, "PUT", path, params, { token: tokens.repLinted, ifMatch, ...options });
    await refused(400, "invalid_json", put({ raw: "{not json" }));
    await refused(413, "too_large", put({ raw: `{"needs":[],"summary":"${"x".repeat(MAX_BODY_BYTES)}"}` }));
    const bad = await refused(
      400,
      "invalid_request",
      put({
        body: {
          needs: [
            { function: "setgroups", priority: "urgent" },
            { function: "1bad", priority: "required" },
          ],
        },
      }),
    );
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["needs.0.priority", "needs.1.function"]);
    const twice = await refused(
      400,
      "invalid_request",
      put({
        body: {
          needs: [
            { function: "setgroups", priority: "required" },
            { function: "setgroups", priority: "convenient" },
          ],
        },
      }),
    );
    expect(twice.body.error.fields).toEqual({ "needs.1.function": ["setgroups is listed twice."] });
    await refused(400, "invalid_request", put({ body: { rows: before.needs } }));
    const typo = await refused(
      400,
      "invalid_request",
      put({ body: { needs: [...before.needs, { function: "setgroupz", priority: "required" }] } }),
    );
    expect(typo.body.error.fields[`needs.${before.needs.length}.function`][0]).toMatch(
      /setgroupz is not in the catalog\. Did you mean setgroups\?/,
    );
    const kept = await call(needsRoute.PUT, "PUT", path, params, {
      token: tokens.repLinted,
      ifMatch,
      body: {
        needs: [...before.needs, { function: "linted_spawn_helper", priority: "convenient" }],
        keepUnknown: ["linted_spawn_helper"],
      },
    });
    expect(kept.status).toBe(201);
    expect(await db.function.count({ where: { name: "linted_spawn_helper" } })).toBe(1);
  });

  it("requires If-Match naming a revision of this page once the page has revisions", async () => {
    const before = await current();
    const body = { needs: before.needs.slice(1) };
    const put = (ifMatch?: string) => () =>
      call(needsRoute.PUT, "PUT", path, params, { token: tokens.repLinted, body, ifMatch });
    const missing = await refused(412, "precondition_failed", put());
    expect(missing.body.error.currentRevisionId).toBe(before.currentRevisionId);
    await refused(412, "precondition_failed", put("latest"));
    const foreign = (await db.revision.findFirstOrThrow({ where: { page: { kind: "proposal" } } })).id;
    expect((await refused(412, "precondition_failed", put(`"${foreign}"`))).body.error.message).toMatch(
      /not a revision of linted's needs list/,
    );
  });

  it("creates a first revision without If-Match, and refuses If-Match on a page that has none", async () => {
    const project = await db.project.create({ data: { slug: "api-new", name: "API New" } });
    const rep = await db.user.findUniqueOrThrow({ where: { email: "rep-linted@api.test" } });
    await db.projectRepresentative.create({ data: { userId: rep.id, projectId: project.id } });
    const body = { needs: [{ function: "setgroups", priority: "required" }], text: "Our child calls setgroups." };
    const put = (ifMatch?: string) =>
      call(
        needsRoute.PUT,
        "PUT",
        "/api/v1/projects/api-new/needs",
        { slug: "api-new" },
        { token: tokens.repLinted, body, ifMatch },
      );
    expect((await refused(412, "precondition_failed", () => put('"1"'))).body.error.message).toMatch(/no revision yet/);
    expect(parsed(saveResultSchema, await put(), 201).number).toBe(1);
    const got = parsed(
      needsOutSchema,
      await call(needsRoute.GET, "GET", "/api/v1/projects/api-new/needs", { slug: "api-new" }),
    );
    expect([got.text, got.needs]).toEqual([
      "Our child calls setgroups.",
      [{ function: "setgroups", priority: "required", rationale: "", context: "" }],
    ]);
  });

  it("merges two pushes on the same base that change different rows; refuses the second of two that change one row differently", async () => {
    const base = await current();
    const ifMatch = `"${base.currentRevisionId}"`;
    const [first, second] = base.needs;
    const put = (token: string, needs: typeof base.needs) =>
      call(needsRoute.PUT, "PUT", path, params, { token, body: { needs }, ifMatch });
    const flip = (row: (typeof base.needs)[number], priority: "required" | "convenient" | "can-work-around") => ({
      ...row,
      priority,
    });
    const other = (p: string) => (p === "required" ? "convenient" : "required");
    const [a, b] = await Promise.all([
      put(
        tokens.repLinted!,
        base.needs.map((r) => (r === first ? flip(r, other(r.priority)) : r)),
      ),
      put(
        tokens.admin!,
        base.needs.map((r) => (r === second ? { ...r, rationale: "from the admin" } : r)),
      ),
    ]);
    const results = [parsed(saveResultSchema, a, 201), parsed(saveResultSchema, b, 201)];
    expect(results.map((r) => r.merged).sort()).toEqual([false, true]);
    const merged = await current();
    expect(merged.needs[0]!.priority).toBe(other(first!.priority));
    expect(merged.needs[1]!.rationale).toBe("from the admin");

    const revisionsBefore = await db.revision.count();
    const again = `"${merged.currentRevisionId}"`;
    const clash = await Promise.all(
      (["can-work-around", other(merged.needs[0]!.priority)] as const).map((priority, i) =>
        call(needsRoute.PUT, "PUT", path, params, {
          token: i ? tokens.admin : tokens.repLinted,
          ifMatch: again,
          body: { needs: merged.needs.map((r, k) => (k === 0 ? flip(r, priority) : r)) },
        }),
      ),
    );
    expect(clash.map((r) => r.status).sort()).toEqual([201, 409]);
    const conflict = clash.find((r) => r.status === 409)!;
    const winner = clash.find((r) => r.status === 201)!;
    expect(errorSchema.parse(conflict.body).error).toMatchObject({
      code: "edit_conflict",
      currentRevisionId: winner.body.revisionId,
      conflicts: [`row ${merged.needs[0]!.function}: priority`],
    });
    expect(await db.revision.count()).toBe(revisionsBefore + 1);
  });

  it("limits writes per token and answers 429 with Retry-After", async () => {
    const before = await current();
    const windowStart = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    for (const start of [windowStart, new Date(windowStart.getTime() + 60_000)]) {
      await db.rateLimitBucket.create({
        data: { key: `api:token:${rateLimitedTokenId}`, windowStart: start, count: API_WRITES_PER_MINUTE },
      });
    }
    const result = await refused(429, "rate_limited", () =>
      call(needsRoute.PUT, "PUT", path, params, {
        token: tokens.limited,
        ifMatch: `"${before.currentRevisionId}"`,
        body: { needs: before.needs.slice(1) },
      }),
    );
    expect(Number(result.headers.get("retry-after"))).toBeGreaterThan(0);
    // Other tokens of the same account are not limited.
    expect(
      (
        await call(needsRoute.PUT, "PUT", path, params, {
          token: tokens.repLinted,
          ifMatch: `"${before.currentRevisionId}"`,
          body: { needs: before.needs },
        })
      ).status,
    ).toBe(200);
  });
});

/** A request that succeeds without writing anything. */
async function refusedNothing(run: () => Promise<Result>): Promise<Result> {
  const before = await snapshot();
  const result = await run();
  expect(await snapshot()).toEqual(before);
  return result;
}

describe("proposals", () => {
  const put = (name: string, token: string | undefined, body: unknown, ifMatch?: string) =>
    call(proposalRoute.PUT, "PUT", `/api/v1/functions/${name}/proposal`, { name }, { token, body, ifMatch });

  it("lets representatives and maintainers propose, not readers; 404 for unknown functions", async () => {
    const body = { fields, text: "linted needs it.", summary: "first estimate" };
    await refused(403, "forbidden", () => put("api_fresh", tokens.reader, body));
    await refused(404, "not_found", () => put("no_such_fn", tokens.repLinted, body));
    await refused(400, "invalid_request", () =>
      put("api_fresh", tokens.repLinted, { fields: { ...fields, asSafety: "maybe" } }),
    );
    const first = parsed(saveResultSchema, await put("api_fresh", tokens.repSystemd, body), 201);
    expect(first.number).toBe(1);
    const fn = parsed(
      functionDetailSchema,
      await call(functionRoute.GET, "GET", "/api/v1/functions/api_fresh", { name: "api_fresh" }),
    );
    expect(fn).toMatchObject({
      status: "proposed",
      estimate: { kind: "syscall stub", asSafety: "AS-safe" },
      proposal: { currentRevisionId: first.revisionId, text: "linted needs it." },
    });
    // Text omitted: kept from the base revision.
    const second = parsed(
      saveResultSchema,
      await put("api_fresh", tokens.m1, { fields: { ...fields, asSafety: "unknown" } }, `"${first.revisionId}"`),
      201,
    );
    const revision = await db.revision.findUniqueOrThrow({ where: { id: second.revisionId } });
    expect(revision.text).toBe("linted needs it.");
    const history = parsed(
      revisionListSchema,
      await call(functionRevisionsRoute.GET, "GET", "/api/v1/functions/api_fresh/revisions", { name: "api_fresh" }),
    );
    expect(history.items.map((r) => [r.number, r.summary])).toEqual([
      [2, ""],
      [1, "first estimate"],
    ]);
    const diff = parsed(
      diffOutSchema,
      await call(functionDiffRoute.GET, "GET", "/api/v1/functions/api_fresh/diff", { name: "api_fresh" }),
    );
    expect(diff.fields).toEqual({
      kind: "proposal",
      changes: [{ field: "AS-safety", from: "AS-safe", to: "unknown" }],
    });
  });

  it("saves two edits on one base that do not overlap, the second merged; of two that overlap, one is refused with 409 and nothing is lost", async () => {
    const first = parsed(
      saveResultSchema,
      await put("api_race", tokens.m1, { fields, text: "Line one.\nLine two.\n" }),
      201,
    );
    const base = `"${first.revisionId}"`;
    const [a, b] = await Promise.all([
      put("api_race", tokens.m1, { fields, text: "Line one, edited.\nLine two.\n" }, base),
      put(
        "api_race",
        tokens.m2,
        { fields: { ...fields, implementationNote: "thin wrapper" }, text: "Line one.\nLine two.\n" },
        base,
      ),
    ]);
    const saved = [parsed(saveResultSchema, a, 201), parsed(saveResultSchema, b, 201)];
    expect(saved.map((s) => s.merged).sort()).toEqual([false, true]);
    const merged = parsed(
      functionDetailSchema,
      await call(functionRoute.GET, "GET", "/api/v1/functions/api_race", { name: "api_race" }),
    );
    expect(merged.proposal.text).toBe("Line one, edited.\nLine two.\n");
    expect(merged.proposal.fields?.implementationNote).toBe("thin wrapper");

    const revisions = await db.revision.count({ where: { page: { function: { name: "api_race" } } } });
    const current = `"${merged.proposal.currentRevisionId}"`;
    const clash = await Promise.all([
      put(
        "api_race",
        tokens.m1,
        { fields: { ...fields, implementationNote: "thin wrapper", asSafety: "AS-unsafe" } },
        current,
      ),
      put(
        "api_race",
        tokens.m2,
        { fields: { ...fields, implementationNote: "thin wrapper", asSafety: "unknown" } },
        current,
      ),
    ]);
    expect(clash.map((r) => r.status).sort()).toEqual([201, 409]);
    const conflict = errorSchema.parse(clash.find((r) => r.status === 409)!.body).error;
    expect(conflict).toMatchObject({
      code: "edit_conflict",
      conflicts: ["field asSafety"],
      currentRevisionId: clash.find((r) => r.status === 201)!.body.revisionId,
    });
    expect(conflict.message).toMatch(/Nothing was saved/);
    expect(await db.revision.count({ where: { page: { function: { name: "api_race" } } } })).toBe(revisions + 1);
  });
});

describe("review", () => {
  it("lets maintainers vote and record agreement once the rule holds; refuses others and stale revisions", async () => {
    const { revisionId } = parsed(
      saveResultSchema,
      await call(
        proposalRoute.PUT,
        "PUT",
        "/api/v1/functions/api_vote/proposal",
        { name: "api_vote" },
        { token: tokens.m1, body: { fields, text: "Vote on me." } },
      ),
      201,
    );
    const vote = (token: string | undefined, body: unknown) =>
      call(votesRoute.POST, "POST", "/api/v1/functions/api_vote/votes", { name: "api_vote" }, { token, body });
    const agree = (token: string | undefined, body: unknown) =>
      call(agreementRoute.POST, "POST", "/api/v1/functions/api_vote/agreement", { name: "api_vote" }, { token, body });

    await refused(401, "unauthenticated", () => vote(undefined, { revisionId, value: 1 }));
    await refused(403, "forbidden", () => vote(tokens.reader, { revisionId, value: 1 }));
    await refused(403, "forbidden", () => vote(tokens.repLinted, { revisionId, value: 1 }));
    const bad = await refused(400, "invalid_request", () => vote(tokens.m1, { revisionId, value: 3 }));
    expect(bad.body.error.fields.value).toEqual(["Votes run from −2 to +2."]);
    await refused(404, "not_found", () =>
      call(
        votesRoute.POST,
        "POST",
        "/api/v1/functions/nope/votes",
        { name: "nope" },
        { token: tokens.m1, body: { revisionId, value: 1 } },
      ),
    );
    await refused(409, "review_conflict", () =>
      call(
        votesRoute.POST,
        "POST",
        "/api/v1/functions/api_other/votes",
        { name: "api_other" },
        { token: tokens.m1, body: { revisionId, value: 1 } },
      ),
    );

    expect(parsed(voteResultSchema, await vote(tokens.m1, { revisionId, value: 1, comment: "fine" }))).toEqual({
      revisionId,
      value: 1,
      comment: "fine",
      status: "in-review",
    });
    const notYet = await refused(409, "rule_not_met", () => agree(tokens.m2, { revisionId }));
    expect(notYet.body.error.rule).toMatchObject({ met: false, approvals: 1 });
    expect(notYet.body.error.message).toBe(
      "The agreement rule is not met: needs one more maintainer at +1 or more; needs one more +2; no veto.",
    );
    parsed(voteResultSchema, await vote(tokens.m2, { revisionId, value: 2 }));
    await refused(403, "forbidden", () => agree(tokens.repLinted, { revisionId }));
    const agreed = parsed(agreementResultSchema, await agree(tokens.m3, { revisionId }));
    expect(agreed).toMatchObject({ revisionId, status: "agreed" });
    const twice = await refused(409, "review_conflict", () => agree(tokens.admin, { revisionId }));
    expect(twice.body.error.message).toMatch(/already recorded/);

    const detail = parsed(
      functionDetailSchema,
      await call(functionRoute.GET, "GET", "/api/v1/functions/api_vote", { name: "api_vote" }),
    );
    expect(detail.proposal.agreedRevisionId).toBe(revisionId);
    expect(detail.votes.map((v) => [v.voter, v.value])).toEqual([
      ["m1", 1],
      ["m2", 2],
    ]);

    // A new revision makes the old one stale: votes on it are refused.
    const next = parsed(
      saveResultSchema,
      await call(
        proposalRoute.PUT,
        "PUT",
        "/api/v1/functions/api_vote/proposal",
        { name: "api_vote" },
        { token: tokens.m1, body: { fields, text: "Vote on me again." }, ifMatch: `"${revisionId}"` },
      ),
      201,
    );
    const stale = await refused(409, "review_conflict", () => vote(tokens.m3, { revisionId, value: 2 }));
    expect(stale.body.error.message).toMatch(/Only the current revision \(2\)/);
    expect(parsed(voteResultSchema, await vote(tokens.m3, { revisionId: next.revisionId, value: 2 })).revisionId).toBe(
      next.revisionId,
    );
  });
});
