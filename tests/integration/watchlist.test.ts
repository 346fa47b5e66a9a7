import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seed } from "@/lib/seed";
import { seedDemoUsers } from "@/lib/seed/demo-users";
import { isWatching, watchlistChanges } from "@/lib/watch/data";
import { markSeen, setWatching } from "@/lib/watch/watchlist";

const ids = { watcher: 0, other: 0, mountPage: 0, lintedPage: 0 };

beforeAll(async () => {
  await seed(db);
  await seedDemoUsers(db);
  const user = (email: string) => db.user.findUniqueOrThrow({ where: { email } });
  ids.watcher = (await user("reader@afterfork.test")).id;
  ids.other = (await user("maintainer1@afterfork.test")).id;
  ids.mountPage = (await db.page.findFirstOrThrow({ where: { function: { name: "mount" } } })).id;
  ids.lintedPage = (await db.page.findFirstOrThrow({ where: { project: { slug: "linted" } } })).id;
});

const comment = (authorId: number, pageId: number, body: string) =>
  db.comment.create({ data: { authorId, pageId, body } });

async function unseenBodies() {
  const { items } = await watchlistChanges(ids.watcher);
  return items.filter((item) => item.unseen).map((item) => item.body);
}

describe("watchlist: what changed since the watcher last saw a page", () => {
  it("counts others' activity after the last visit of each page, until the page is marked seen", async () => {
    await setWatching(ids.watcher, ids.mountPage, true);
    await setWatching(ids.watcher, ids.lintedPage, true);
    expect(await isWatching(ids.watcher, ids.mountPage)).toBe(true);
    await comment(ids.other, ids.mountPage, "on mount");
    await comment(ids.other, ids.lintedPage, "on linted");
    await comment(ids.watcher, ids.mountPage, "my own");
    expect((await unseenBodies()).sort()).toEqual(["on linted", "on mount"]);

    await markSeen(ids.watcher, ids.mountPage);
    expect(await unseenBodies()).toEqual(["on linted"]);
    await comment(ids.other, ids.mountPage, "after the visit");
    expect((await unseenBodies()).sort()).toEqual(["after the visit", "on linted"]);
  });

  it("marks only a watched page: an unwatched one gets no marker", async () => {
    await setWatching(ids.watcher, ids.mountPage, false);
    await markSeen(ids.watcher, ids.mountPage);
    expect(await isWatching(ids.watcher, ids.mountPage)).toBe(false);
    expect(await db.watch.count({ where: { userId: ids.watcher, pageId: ids.mountPage } })).toBe(0);
  });
});
