import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/permissions";

// Item 7: the API read a chunked body of any size before checking it (the
// limit was 20 MB, and only after reading it all); forms did not check that
// the base revision belongs to the page being saved.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", async (original) => ({
  ...(await original<typeof import("@/lib/auth/session")>()),
  currentActor: async () => session.actor,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { db } = await import("@/lib/db");
const { seed } = await import("@/lib/seed");
const needsRoute = await import("@/app/api/v1/projects/[slug]/needs/route");
const { createApiToken } = await import("@/lib/tokens/tokens");
const { MAX_REQUEST_BODY_BYTES } = await import("@/lib/server/http/body-limit");
const { frontDoor } = await import("@/lib/server/http/front-door");
const { NEEDS_ROWS_MAX, NEEDS_ROWS_MAX_BYTES, needsFieldsSchema } = await import("@/lib/pages/fields");
const { needsPutSchema } = await import("@/lib/server/api/schemas/pages");
const { saveProposalAction } = await import("@/lib/pages/actions");

let token = "";

beforeAll(async () => {
  await seed(db);
  const admin = await db.user.create({ data: { email: "admin-body@example.org", name: "Admin", role: "admin" } });
  token = (await createApiToken(admin.id, "body", admin.id)).token;
});

const MIB = 1024 * 1024;

describe("request bodies", () => {
  it("the API stops reading a chunked body as soon as it passes the limit, with 413", async () => {
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 8 * MIB) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const request = new Request("http://127.0.0.1/api/v1/projects/linted/needs", {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    const response = await needsRoute.PUT(request, { params: Promise.resolve({ slug: "linted" }) });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/larger than 2 MiB/);
    expect(sent).toBeLessThanOrEqual(MAX_REQUEST_BODY_BYTES + 4 * chunk.byteLength);
  });

  it("the largest valid needs list with a 1 MiB text fits in the limit", () => {
    const name = (i: number) => `f${String(i).padStart(99, "0")}`;
    const row = (i: number, rationale: number) => ({
      function: name(i),
      priority: "can-work-around",
      rationale: "r".repeat(rationale),
      context: "",
    });
    const empty = new TextEncoder().encode(
      JSON.stringify(Array.from({ length: NEEDS_ROWS_MAX }, (_, i) => row(i, 0))),
    ).length;
    const per = Math.floor((NEEDS_ROWS_MAX_BYTES - empty) / NEEDS_ROWS_MAX);
    const rows = Array.from({ length: NEEDS_ROWS_MAX }, (_, i) => row(i, per));
    expect(needsFieldsSchema.safeParse({ rows }).success).toBe(true);
    expect(needsFieldsSchema.safeParse({ rows: [...rows.slice(0, -1), row(NEEDS_ROWS_MAX, per + 2000)] }).success).toBe(
      false,
    );
    const largest = {
      needs: rows,
      keepUnknown: rows.map((r) => r.function),
      text: "x".repeat(MIB),
      summary: "s".repeat(500),
    };
    expect(needsPutSchema.safeParse(largest).success).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(largest))).toBeLessThan(MAX_REQUEST_BODY_BYTES);
  });

  it("server actions have the same limit: Next counts their bodies while streaming", () => {
    const config = createRequire(import.meta.url)("../../next.config.js") as {
      experimental: { serverActions: { bodySizeLimit: string } };
    };
    const bytes = createRequire(import.meta.url)("next/dist/compiled/bytes") as { parse: (v: string) => number };
    expect(bytes.parse(config.experimental.serverActions.bodySizeLimit)).toBe(MAX_REQUEST_BODY_BYTES);
  });

  it("the front door refuses a server action that declares a larger body, before Next reads it", async () => {
    let reached = false;
    const server = createServer(frontDoor(() => (reached = true), { hops: 0 }));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/functions/mount/edit",
          headers: { "next-action": "abc", "content-length": String(MAX_REQUEST_BODY_BYTES + 1) },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on("error", reject);
      req.write("x");
    });
    server.closeAllConnections();
    server.close();
    expect(status).toBe(413);
    expect(reached).toBe(false);
  });
});

describe("a form's base revision", () => {
  it("must be a revision of the page being saved: another page's is refused and nothing is written", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin-body@example.org" } });
    session.actor = { id: admin.id, role: "admin", name: admin.name, projectIds: [], emailVerified: true };
    const other = await db.page.findFirstOrThrow({ where: { function: { name: "setgroups" } } });
    const revisions = await db.revision.count();
    const form = new FormData();
    for (const [k, v] of Object.entries({
      functionName: "mount",
      baseRevisionId: String(other.currentRevisionId),
      summary: "s",
      text: "t",
      guarantee: "g",
      implementationKind: "unknown",
      implementationNote: "",
      asSafety: "unknown",
    }))
      form.set(k, v);
    const state = await saveProposalAction({ status: "idle" }, form);
    expect(state).toMatchObject({ status: "error", message: expect.stringMatching(/is not a revision of/) });
    expect(await db.revision.count()).toBe(revisions);
  });
});
