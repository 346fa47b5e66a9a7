import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/permissions";

// Item 1: /audit.csv needed no sign-in, wrote every actor as "name <email>"
// and loaded the whole audit table at once.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", async (original) => ({
  ...(await original<typeof import("@/lib/auth/session")>()),
  currentActor: async () => session.actor,
}));

const { db } = await import("@/lib/db");
const { GET } = await import("@/app/audit.csv/route");
const { auditCsvStream, AUDIT_CSV_BATCH } = await import("@/lib/audit/csv");

const EVENTS = 2 * AUDIT_CSV_BATCH + 7;
let admin: Actor;
let maintainer: Actor;

beforeAll(async () => {
  const a = await db.user.create({ data: { email: "boss@example.org", name: "Boss", role: "admin" } });
  const m = await db.user.create({ data: { email: "secret-m@example.org", name: "Maint", role: "maintainer" } });
  admin = { id: a.id, role: "admin", name: a.name, projectIds: [], emailVerified: true };
  maintainer = { id: m.id, role: "maintainer", name: m.name, projectIds: [], emailVerified: true };
  await db.auditEvent.createMany({
    data: Array.from({ length: EVENTS }, (_, i) => ({
      actorId: m.id,
      action: "vote.cast",
      targetType: "page",
      targetId: String(i),
    })),
  });
});

async function csvAs(actor: Actor | null): Promise<string> {
  session.actor = actor;
  const response = await GET(new Request("http://127.0.0.1/audit.csv"));
  expect(response.status).toBe(200);
  return response.text();
}

describe("the audit trail's CSV export", () => {
  it("shows names but no emails to signed-out visitors and non-admins", async () => {
    for (const who of [null, maintainer]) {
      const csv = await csvAs(who);
      expect(csv).toContain('"Maint"');
      expect(csv).not.toContain("secret-m@example.org");
    }
  });

  it("shows emails to admins", async () => {
    expect(await csvAs(admin)).toContain('"Maint <secret-m@example.org>"');
  });

  it("streams every row in bounded batches rather than one unbounded query", async () => {
    const takes: (number | undefined)[] = [];
    const counting = {
      auditEvent: {
        findMany: (args: { take?: number }) => {
          takes.push(args.take);
          return db.auditEvent.findMany(args as Parameters<typeof db.auditEvent.findMany>[0]);
        },
      },
    } as unknown as typeof db;
    const csv = await new Response(auditCsvStream({ page: 1 }, { withEmails: false }, counting)).text();
    expect(csv.trim().split("\r\n")).toHaveLength(EVENTS + 1);
    expect(takes.length).toBeGreaterThanOrEqual(3);
    expect(takes.every((take) => take === AUDIT_CSV_BATCH)).toBe(true);
  });
});
