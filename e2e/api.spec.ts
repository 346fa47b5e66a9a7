import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { afterfork } from "./afterfork-cli";
import { query } from "./db";
import { SignInPage } from "./pages/sign-in-page";
import { TokensPage } from "./pages/tokens-page";

const tmp = () => mkdtempSync(path.join(os.tmpdir(), "afterfork-e2e-"));

test("a needs list pushed with the command line appears as a revision whose diff shows the added row", async ({
  page,
  baseURL,
}) => {
  const created = afterfork(["token", "create", "--email", "rep-linted@afterfork.test", "--name", "linted CI"], {
    DATABASE_URL: process.env.DATABASE_URL,
  });
  expect(created.stderr).toBe("");
  expect(created.status).toBe(0);
  const env = { AFTERFORK_URL: baseURL, AFTERFORK_TOKEN: created.stdout.trim() };

  const pulled = afterfork(["needs", "pull", "linted"], env);
  expect(pulled.status, pulled.stderr).toBe(0);
  const list = JSON.parse(pulled.stdout) as { needs: { function: string }[] };
  expect(list.needs.length).toBeGreaterThan(5);
  // A documented function linted does not list yet (and no other test adds).
  const [candidate] = await query<{ name: string }>(
    `SELECT f.name FROM functions f WHERE f.glibc_annotation_id IS NOT NULL AND f.name <> ALL($1) AND f.name NOT IN ('getpid') ORDER BY f.name LIMIT 1`,
    [list.needs.map((n) => n.function)],
  );
  const name = candidate!.name;
  const file = path.join(tmp(), "needs.json");
  writeFileSync(
    file,
    JSON.stringify({
      needs: [...list.needs, { function: name, priority: "convenient", context: "spawn.c, regenerated in CI" }],
      summary: "Regenerated from linted's source in CI",
    }),
  );

  const pushed = afterfork(["needs", "push", "linted", file], env);
  expect(pushed.stderr).toBe("");
  expect(pushed.status).toBe(0);
  const number = Number(/Saved revision (\d+) of linted's needs list/.exec(pushed.stdout)?.[1]);
  expect(number).toBeGreaterThan(2);
  expect(pushed.stdout).toContain(`${baseURL}/projects/linted/revisions/${number}`);

  // The same list again writes nothing.
  const again = afterfork(["needs", "push", "linted", file], env);
  expect(again.stdout).toContain(`unchanged (revision ${number}); nothing was written`);

  await page.goto("/projects/linted/history");
  const revision = page.getByTestId(`revision-${number}`);
  await expect(revision).toContainText("Regenerated from linted's source in CI");
  await expect(revision).toContainText("linted representative");
  await revision.getByRole("link", { name: "prev" }).click();
  const added = page.getByTestId("needs-diff").locator('[data-change="added"]');
  await expect(added).toHaveCount(1);
  await expect(added).toContainText(name);
  await expect(added).toContainText("spawn.c, regenerated in CI");
});

test("the command line reports refusals with the API's message and a non-zero exit", async ({ baseURL }) => {
  const dir = tmp();
  const bad = path.join(dir, "bad.json");
  writeFileSync(bad, JSON.stringify([{ function: "setgroups", priority: "urgent" }]));
  const revisionsBefore = await query<{ n: string }>("SELECT count(*) AS n FROM revisions");

  const noToken = afterfork(["needs", "push", "linted", bad], { AFTERFORK_URL: baseURL });
  expect(noToken.status).toBe(1);
  expect(noToken.stderr).toContain("AFTERFORK_TOKEN is not set");

  const systemdToken = afterfork(["token", "create", "--email", "rep-systemd@afterfork.test", "--name", "systemd CI"], {
    DATABASE_URL: process.env.DATABASE_URL,
  }).stdout.trim();
  const good = path.join(dir, "good.json");
  writeFileSync(good, JSON.stringify({ needs: [{ function: "setgroups", priority: "required" }] }));
  const forbidden = afterfork(["needs", "push", "linted", good], {
    AFTERFORK_URL: baseURL,
    AFTERFORK_TOKEN: systemdToken,
  });
  expect(forbidden.status).toBe(1);
  expect(forbidden.stderr).toContain("error: Your account's role does not allow this.");

  const invalid = afterfork(["needs", "push", "systemd", bad], {
    AFTERFORK_URL: baseURL,
    AFTERFORK_TOKEN: systemdToken,
  });
  expect(invalid.status).toBe(1);
  expect(invalid.stderr).toContain("needs.0.priority: Choose required, convenient or can-work-around.");

  const missing = afterfork(["functions", "get", "no_such_function"], { AFTERFORK_URL: baseURL });
  expect(missing.status).toBe(1);
  expect(missing.stderr).toContain("There is no function named no_such_function in the catalog.");

  expect(await query<{ n: string }>("SELECT count(*) AS n FROM revisions")).toEqual(revisionsBefore);

  const fn = afterfork(["functions", "get", "setgroups"], { AFTERFORK_URL: baseURL });
  expect(fn.status, fn.stderr).toBe(0);
  expect(JSON.parse(fn.stdout)).toMatchObject({
    name: "setgroups",
    neededBy: expect.arrayContaining([expect.objectContaining({ project: "linted" })]),
  });
});

test("the command line exports the agreed list as the site serves it", async ({ baseURL, request }) => {
  const file = path.join(tmp(), "agreed.md");
  const exported = afterfork(["export", "-o", file], { AFTERFORK_URL: baseURL });
  expect(exported.status, exported.stderr).toBe(0);
  const days = (text: string) => text.replace(/\d{4}-\d{2}-\d{2}/g, "YYYY-MM-DD");
  const served = await (await request.get("/export.md")).text();
  expect(served.length).toBeGreaterThan(100);
  expect(days(readFileSync(file, "utf8"))).toBe(days(served));
});

test("a token created in the settings works until it is revoked there", async ({ page, baseURL }) => {
  await new SignInPage(page).signIn("rep-systemd@afterfork.test");
  const tokens = new TokensPage(page);
  await tokens.goto();
  const token = await tokens.create("laptop");
  await expect(tokens.row("laptop")).toContainText("live");
  expect(await query("SELECT token_hash FROM access_tokens WHERE token_hash = $1", [token])).toEqual([]);

  const env = { AFTERFORK_URL: baseURL, AFTERFORK_TOKEN: token };
  const list = path.join(tmp(), "systemd.json");
  writeFileSync(list, afterfork(["needs", "pull", "systemd"], env).stdout);
  expect(afterfork(["needs", "push", "systemd", list], env).stdout).toMatch(/systemd's needs list is unchanged/);

  await page.reload();
  await expect(tokens.row("laptop")).not.toContainText("never");
  await tokens.revoke("laptop");
  const refused = afterfork(["needs", "push", "systemd", list], env);
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain("error: This API token was revoked.");
});

test("the API is documented at /api from /openapi.json", async ({ page, request }) => {
  const doc = await (await request.get("/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  await page.goto("/api");
  const put = page.getByTestId("endpoint-putNeeds");
  await expect(put.getByRole("heading", { level: 3 })).toHaveText("PUT /api/v1/projects/{slug}/needs");
  await expect(put.getByRole("table", { name: /Parameters/ })).toContainText("If-Match");
  await expect(put).toContainText("412");
  await expect(page.locator("#schema-NeedsPut")).toContainText("can-work-around");
  expect(await page.getByTestId(/^endpoint-/).count()).toBe(
    Object.values(doc.paths as Record<string, object>).reduce((n, methods) => n + Object.keys(methods).length, 0),
  );
});
