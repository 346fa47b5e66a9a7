import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/permissions";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", async (original) => ({
  ...(await original<typeof import("@/lib/auth/session")>()),
  currentActor: async () => session.actor,
}));

const { db } = await import("@/lib/db");
const { previewPasteAction } = await import("@/lib/projects/actions");

let projectId = 0;

beforeAll(async () => {
  const project = await db.project.create({ data: { slug: "reply-p", name: "Reply P" } });
  projectId = project.id;
  const rep = await db.user.create({ data: { email: "rep-reply@example.org", name: "Rep", role: "representative" } });
  await db.projectRepresentative.create({ data: { userId: rep.id, projectId } });
  session.actor = { id: rep.id, role: "representative", name: "Rep", projectIds: [projectId], emailVerified: true };
  const catalog = ["unshare", "mount", "setgroups", "getgroups", "strfry", "prctl", "fork", "execve"];
  await db.function.createMany({ data: catalog.map((name) => ({ name })), skipDuplicates: true });
});

const REPLY = `Sorry, the path we call is long, see below.

On Thu, 6 Mar 2014, Carlos O'Donell wrote:
> Which functions does linted call after fork?

After fork we unshare, then call setgroup() and
prctl. Later setgrups or
clone3.

--
Steven Stewart-Gallus
`;

describe("previewing a pasted reply", () => {
  it("offers catalog names and calls, says 'did you mean' for a misspelt call, and lists what it set aside", async () => {
    const preview = await previewPasteAction({ projectId, text: REPLY, priority: "required" });
    expect(preview.error).toBeUndefined();
    expect(preview.rows).toEqual([
      { function: "unshare", context: "" },
      { function: "prctl", context: "" },
    ]);
    expect(preview.unknown).toEqual([{ name: "setgroup", suggestions: ["setgroups"] }]);
    expect(preview.setAside).toEqual([
      { name: "setgrups", suggestions: ["setgroups"] },
      { name: "clone3", suggestions: [] },
    ]);
    expect(preview.leftOut).toEqual(["On Thu, 6 Mar 2014, Carlos O'Donell wrote:", "--", "Steven Stewart-Gallus"]);
  });
});
