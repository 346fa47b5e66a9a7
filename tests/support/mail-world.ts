import pg from "pg";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/client";
import { MailSender, type SenderOptions } from "@/lib/mail/sender";
import { DEFAULT_GUARANTEE } from "@/lib/pages/fields";
import { editPage } from "@/lib/pages/editing";
import { describeFunctionPage, describeProjectPage } from "@/lib/pages/refs";
import "@/lib/server/page-hooks";

// A small world for the mail tests, built in the test file's own database: two maintainers and an
// unverified and a disabled one, a representative of one project, a reader, and a function that project needs.

export const SECRET = "mail-test-secret";
export const ORIGIN = "https://afterfork.example.org";

export const proposal = (asSafety = "unknown") => ({
  guarantee: DEFAULT_GUARANTEE,
  implementationKind: "unknown" as const,
  implementationNote: "",
  asSafety: asSafety as "unknown" | "AS-safe" | "AS-unsafe",
});

export interface World {
  ids: Record<"ann" | "bob" | "unverified" | "disabled" | "rep" | "reader", number>;
  fn: string;
  project: string;
  pageId: number;
  needsPageId: number;
}

async function user(email: string, name: string, role: Role, extra: { verified?: boolean; disabled?: boolean } = {}) {
  const row = await db.user.create({
    data: {
      email,
      name,
      role,
      disabled: extra.disabled ?? false,
      emailVerifiedAt: extra.verified === false ? null : new Date(),
    },
  });
  return row.id;
}

export async function buildWorld(prefix: string): Promise<World> {
  process.env.NEXTAUTH_SECRET = SECRET;
  process.env.NEXTAUTH_URL = ORIGIN;
  const ids = {
    ann: await user(`${prefix}-ann@example.org`, "Ann Maintainer", "maintainer"),
    bob: await user(`${prefix}-bob@example.org`, "Bob Maintainer", "maintainer"),
    unverified: await user(`${prefix}-new@example.org`, "Unverified", "maintainer", { verified: false }),
    disabled: await user(`${prefix}-gone@example.org`, "Disabled", "maintainer", { disabled: true }),
    rep: await user(`${prefix}-rep@example.org`, "Rita Rep", "representative"),
    reader: await user(`${prefix}-reader@example.org`, "Reader", "reader"),
  };
  const fn = `${prefix}fn`;
  const project = `${prefix}proj`;
  await db.function.create({ data: { name: fn } });
  const created = await db.project.create({ data: { slug: project, name: `${prefix} project` } });
  await db.projectRepresentative.create({ data: { userId: ids.rep, projectId: created.id } });
  const needs = await editPage({
    page: (await describeProjectPage({ slug: project }))!,
    baseRevisionId: null,
    authorId: ids.rep,
    summary: "first list",
    text: "",
    fields: { rows: [{ function: fn, priority: "required", rationale: "we call it", context: "" }] },
  });
  const first = await editPage({
    page: (await describeFunctionPage(fn))!,
    baseRevisionId: null,
    authorId: ids.ann,
    summary: "first proposal",
    text: "It only calls a syscall.",
    fields: proposal(),
  });
  if (first.status !== "saved" || needs.status !== "saved") throw new Error("The world could not be built.");
  const page = await db.page.findUniqueOrThrow({ where: { id: first.revision.pageId } });
  // The setup's own mails are not what the tests look at.
  await db.notification.deleteMany({});
  return { ids, fn, project, pageId: page.id, needsPageId: needs.revision.pageId };
}

/** A sender on a pool of its own (as another app instance would have), with fast retries. */
export function newSender(options: Partial<SenderOptions> = {}) {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  // As scripts/serve.ts does for the sender's pool: a lost idle connection is replaced on the next round.
  pool.on("error", () => {});
  const sender = new MailSender({ db: pool, secret: async () => SECRET, backoffMs: () => 0, ...options });
  return { sender, close: () => pool.end() };
}

/** Saves a new revision of the world's proposal as `authorId`. */
export async function editProposal(world: World, authorId: number, summary: string, text: string) {
  const page = (await describeFunctionPage(world.fn))!;
  const outcome = await editPage({
    page,
    baseRevisionId: page.currentRevisionId,
    authorId,
    summary,
    text,
    fields: proposal("AS-safe"),
  });
  if (outcome.status !== "saved") throw new Error(`Edit not saved: ${outcome.status}`);
  return outcome.revision;
}
