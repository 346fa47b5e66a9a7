import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { goToFunctionPath } from "@/lib/functions/data";
import { listRevisions } from "@/lib/pages/history";
import { saveRevision } from "@/lib/pages/revisions";
import { seed } from "@/lib/seed";
import { seedDemoUsers } from "@/lib/seed/demo-users";
import { changedWatchCount } from "@/lib/watch/data";
import { markAllSeen, markSeen, setWatching } from "@/lib/watch/watchlist";

const ids = { watcher: 0, other: 0, mountPage: 0, unsharePage: 0 };

beforeAll(async () => {
  await seed(db);
  await seedDemoUsers(db);
  const user = (email: string) => db.user.findUniqueOrThrow({ where: { email } });
  ids.watcher = (await user("maintainer2@afterfork.test")).id;
  ids.other = (await user("maintainer1@afterfork.test")).id;
  const page = (name: string) => db.page.findFirstOrThrow({ where: { function: { name } } });
  ids.mountPage = (await page("mount")).id;
  ids.unsharePage = (await page("unshare")).id;
});

/** A new revision of a page by `authorId`, its prose extended by one line. */
async function edit(pageId: number, authorId: number, line: string) {
  const page = await db.page.findUniqueOrThrow({ where: { id: pageId }, include: { currentRevision: true } });
  const current = page.currentRevision!;
  await saveRevision({
    pageId,
    baseRevisionId: current.id,
    authorId,
    summary: line,
    text: `${current.text}\n\n${line}`,
    fields: current.fields as never,
  });
}

describe("the header's count of watched pages changed since the watcher last looked", () => {
  it("counts pages with another user's newer revision or comment, not the watcher's own, until seen", async () => {
    await setWatching(ids.watcher, ids.mountPage, true);
    await setWatching(ids.watcher, ids.unsharePage, true);
    await markAllSeen(ids.watcher);
    expect(await changedWatchCount(ids.watcher)).toBe(0);

    await edit(ids.mountPage, ids.watcher, "My own edit.");
    await db.comment.create({ data: { authorId: ids.watcher, pageId: ids.unsharePage, body: "my own" } });
    expect(await changedWatchCount(ids.watcher)).toBe(0);

    await edit(ids.mountPage, ids.other, "Someone else's edit.");
    expect(await changedWatchCount(ids.watcher)).toBe(1);
    await db.comment.create({ data: { authorId: ids.other, pageId: ids.unsharePage, body: "a question" } });
    expect(await changedWatchCount(ids.watcher)).toBe(2);
    // Others' changes count for the watcher only.
    expect(await changedWatchCount(ids.other)).toBe(0);

    await markSeen(ids.watcher, ids.mountPage);
    expect(await changedWatchCount(ids.watcher)).toBe(1);
    await setWatching(ids.watcher, ids.unsharePage, false);
    expect(await changedWatchCount(ids.watcher)).toBe(0);
  });
});

describe("history pages link to newer revisions as well as older ones", () => {
  it("gives the start of the newer page, or the newest page, or none on the newest", async () => {
    await edit(ids.mountPage, ids.other, "One more.");
    const last = (await db.page.findUniqueOrThrow({ where: { id: ids.mountPage }, include: { currentRevision: true } }))
      .currentRevision!.number;
    expect(last).toBeGreaterThanOrEqual(4);
    const newest = await listRevisions(ids.mountPage, { limit: 2 });
    expect(newest.revisions.map((r) => r.number)).toEqual([last, last - 1]);
    expect(newest.newer).toBeNull();
    const second = await listRevisions(ids.mountPage, { limit: 2, before: newest.nextBefore! });
    expect(second.revisions.map((r) => r.number)).toEqual([last - 2, last - 3]);
    expect(second.newer).toEqual({ before: null });
    const third = await listRevisions(ids.mountPage, { limit: 1, before: last - 2 });
    expect(third.revisions.map((r) => r.number)).toEqual([last - 3]);
    expect(third.newer).toEqual({ before: last - 1 });
    expect((await listRevisions(ids.mountPage, { limit: 1, before: last - 1 })).revisions.map((r) => r.number)).toEqual(
      [last - 2],
    );
  });
});

describe("the Go to function box", () => {
  it("opens an exact catalog name's page, else the catalog filtered by what was typed", async () => {
    expect(await goToFunctionPath(" setgroups ")).toBe("/functions/setgroups");
    expect(await goToFunctionPath("setgr")).toBe("/functions?q=setgr");
    expect(await goToFunctionPath("SetGroups")).toBe("/functions?q=SetGroups");
    expect(await goToFunctionPath("a b&c")).toBe("/functions?q=a%20b%26c");
    expect(await goToFunctionPath("  ")).toBe("/functions");
  });
});
