import { expect, test } from "@playwright/test";
import { ProposalEditorPage } from "./pages/proposal-editor-page";
import { SignInPage } from "./pages/sign-in-page";

// The seeded analysis of Debian 12's libc (data/reachability/libc6_2.36-x86_64.tsv).

test("a function page says what the child runs, normal-route hazards first", async ({ page }) => {
  await page.goto("/functions/setgroups");
  const panel = page.getByTestId("reachability");
  await expect(panel.getByRole("heading", { name: "What the child runs" })).toBeVisible();
  await expect(panel.getByTestId("reach-setxid-normal")).toContainText("setgroups → __nptl_setxid");
  await expect(panel.getByTestId("reach-lock-normal")).toContainText("__lll_lock_wait_private");
  await expect(panel.getByTestId("reach-source")).toContainText("93ac61ec5a8eb1396f9fbd350e3169a558528a40");
  await expect(panel.getByTestId("reach-indirect")).toBeVisible();

  await page.goto("/functions/write");
  await expect(page.getByTestId("reach-normal-none")).toBeVisible();
  await expect(page.getByTestId("reach-lock-cancellation")).toContainText(
    "only if the process is being cancelled): write → __pthread_enable_asynccancel → __pthread_unwind",
  );

  await page.goto("/functions/prctl");
  await expect(page.getByTestId("reach-lock-fatal")).toContainText("only on a fatal error");
  await expect(page.getByTestId("reach-lock-fatal")).toContainText("__stack_chk_fail → __fortify_fail");

  await page.goto("/functions/cap_set_proc");
  await expect(page.getByTestId("reach-none")).toBeVisible();
});

test("the evidence page lists the hazard, fatal-error and cancellation sets", async ({ page }) => {
  await page.goto("/functions/getpid");
  await page
    .getByTestId("reachability")
    .getByRole("link", { name: /How this is read/ })
    .click();
  await expect(page).toHaveURL(/\/reachability$/);
  await expect(page.getByTestId("set-fatal")).toContainText("__stack_chk_fail");
  await expect(page.getByTestId("set-cancellation")).toContainText("__pthread_unwind");
  await expect(page.getByTestId("set-setxid")).toHaveText("__nptl_setxid");
  await expect(page.getByTestId("reach-imports")).toContainText("libc6 2.36-9+deb12u14");
});

test("the catalog filters by what the child runs; the matrix and the API show it", async ({ page, request }) => {
  await page.goto("/functions?q=getp&reach=clean");
  await expect(page.getByRole("link", { name: "getpid", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "getpwnam", exact: true })).toHaveCount(0);
  await expect(page.getByLabel("What the child runs")).toHaveValue("clean");

  await page.goto("/matrix?q=setgroups&all=1");
  await expect(page.locator('tr[data-function="setgroups"] td[data-col="reach"]')).toHaveText("lock setxid");

  const res = await request.get("/api/v1/functions/write");
  const body = (await res.json()) as { reachability: { hazards: { kind: string; route: string }[] } };
  expect(body.reachability.hazards.map((h) => `${h.kind}:${h.route}`)).toEqual(["lock:cancellation", "malloc:fatal"]);
  const none = (await (await request.get("/api/v1/functions/cap_set_proc")).json()) as { reachability: null };
  expect(none.reachability).toBeNull();
});

test("the review page flags an AS-safe estimate of a function that reaches a lock", async ({ page }) => {
  await new SignInPage(page).signIn("maintainer1@afterfork.test");
  const editor = new ProposalEditorPage(page);
  await editor.open("opendir");
  await editor.text().fill("Called in the child to list /proc/self/fd before closing descriptors.");
  await editor.setAsSafety("AS-safe");
  await editor.save("Estimate opendir");
  await expect(page).toHaveURL(/\/functions\/opendir$/);
  await page.goto("/functions/opendir/review");
  const flag = page.getByTestId("reachability-disagrees");
  await expect(flag).toContainText("The estimate says AS-safe, but the C library reaches lock and malloc.");
  await expect(flag).toContainText("opendir → opendir_tail → __alloc_dir → malloc");
});
