import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { query } from "./db";
import { ProposalEditorPage } from "./pages/proposal-editor-page";
import { SignInPage } from "./pages/sign-in-page";

const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const LINUX_LIST = "sysdeps/unix/sysv/linux/syscalls.list";

const GLIBC = "04e750e75b73957cf1c791535a3f4319534a52fc";
const blob = (file: string, line: number) =>
  `https://sourceware.org/git/?p=glibc.git;a=blob;f=${file};hb=${GLIBC}#l${line}`;

// Runs first, on the freshly seeded database: the evidence shipped in data/evidence/, no import.
test("a fresh site shows the shipped evidence for open, waitpid and setgroups", async ({ page, request }) => {
  await page.goto("/functions/open");
  const evidence = page.getByTestId("evidence");
  await expect(evidence).toHaveText(
    "open is a thin wrapper in sysdeps/unix/sysv/linux/open64.c:29 (sysdeps/unix/sysv/linux/open.c wins the " +
      "search but compiles to nothing here) that makes the openat system call; it is a cancellation point.",
  );
  await expect(evidence.getByRole("link", { name: "sysdeps/unix/sysv/linux/open64.c:29" })).toHaveAttribute(
    "href",
    blob("sysdeps/unix/sysv/linux/open64.c", 29),
  );
  await page.goto("/functions/waitpid");
  await expect(page.getByTestId("evidence")).toHaveText(
    "waitpid is a thin wrapper in posix/waitpid.c:36 that goes through the __wait4 function and makes the " +
      "wait4 system call; it is a cancellation point.",
  );
  await page.goto("/functions/setgroups");
  await expect(page.getByTestId("evidence")).toContainText("setgroups.c:28 that makes the setgroups system call");
  await expect(page.getByTestId("evidence-none")).toHaveCount(0);

  const api = await request.get("/api/v1/functions/open");
  expect(api.ok()).toBe(true);
  const body = (await api.json()) as { implementation: Record<string, unknown> };
  expect(body.implementation).toEqual({
    kind: "syscall-wrapper",
    path: "sysdeps/unix/sysv/linux/open.c",
    syscall: "openat",
    provider: "sysdeps/unix/sysv/linux/open64.c",
    line: 29,
    syscalls: ["openat"],
    via: [],
    flags: ["cancellation"],
  });
});

test.describe("after importing the fixture tree", () => {
  test.beforeAll(() => {
    // The command line importer, on the fixture tree (files written for the tests, not glibc code).
    const out = execFileSync(
      "npx",
      [
        "tsx",
        "scripts/import.ts",
        "glibc-source",
        "tests/fixtures/glibc-tree",
        "--target",
        "x86_64-linux-gnu",
        "--source",
        `fixture ${COMMIT}`,
      ],
      {
        env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    expect(out).toMatch(/glibc-source import #\d+ from fixture .* for x86_64-linux-gnu: \d+ functions/);
  });

  test("a function page shows the evidence with a link to the file and line at the imported commit", async ({
    page,
  }) => {
    await page.goto("/functions/unshare");
    const evidence = page.getByTestId("evidence");
    await expect(evidence).toHaveText(
      `unshare is a system call stub generated from ${LINUX_LIST}:7 that makes the unshare system call; ` +
        "it is an EXTRA stub, a routine of its own.",
    );
    await expect(evidence.getByRole("link", { name: `${LINUX_LIST}:7` })).toHaveAttribute(
      "href",
      `https://sourceware.org/git/?p=glibc.git;a=blob;f=${LINUX_LIST};hb=${COMMIT}#l7`,
    );
    await expect(page.getByTestId("evidence-target")).toContainText("Target x86_64-linux-gnu");
    // The 2014 estimate (syscall stub) agrees; readers are not offered to start an estimate.
    await expect(page.getByTestId("evidence-disagrees")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Start the estimate from the evidence" })).toHaveCount(0);

    await page.goto("/functions/setgroups");
    await expect(page.getByTestId("evidence")).toHaveText(
      "setgroups broadcasts the call to every thread (INLINE_SETXID_SYSCALL) in " +
        "sysdeps/unix/sysv/linux/setgroups.c:5 that makes the setgroups system call.",
    );
    await page.goto("/functions/cap_set_proc");
    await expect(page.getByTestId("evidence")).toContainText("absent from glibc's tree");
    await expect(page.getByTestId("evidence").getByRole("link")).toHaveCount(0);
  });

  test("start an estimate from the evidence, and find a disagreeing estimate through the catalog filter", async ({
    page,
  }) => {
    await new SignInPage(page).signIn("maintainer1@afterfork.test");
    const editor = new ProposalEditorPage(page);

    // read: a thin wrapper, so the estimate starts as a syscall stub with the evidence in the note.
    await page.goto("/functions/read");
    await page.getByRole("link", { name: "Start the estimate from the evidence" }).click();
    await expect(page).toHaveURL(/\/functions\/read\/edit\?from=evidence$/);
    await expect(page.getByTestId("from-evidence")).toContainText("thin C wrapper around the system call read");
    await expect(page.getByRole("combobox", { name: "Implementation kind" })).toHaveValue("syscall stub");
    await expect(page.getByRole("textbox", { name: "Implementation note" })).toHaveValue(
      "evidence: syscall-wrapper (sysdeps/unix/sysv/linux/read.c, syscall read)",
    );
    await editor.save("Estimate from glibc's source");
    await expect(page).toHaveURL(/\/functions\/read$/);
    await expect(page.getByTestId("implementation-kind")).toHaveText(
      "syscall stub, evidence: syscall-wrapper (sysdeps/unix/sysv/linux/read.c, syscall read)",
    );
    await expect(page.getByTestId("evidence-disagrees")).toHaveCount(0);

    // getcwd: plain C (a loop around the syscall); an estimate of "syscall stub" disagrees.
    await editor.open("getcwd");
    await page.getByRole("combobox", { name: "Implementation kind" }).selectOption("syscall stub");
    await editor.save("Looks like a stub to me");
    await expect(page).toHaveURL(/\/functions\/getcwd$/);
    await expect(page.getByTestId("evidence-disagrees")).toContainText("The estimate disagrees with glibc's source");
    await expect(page.getByTestId("evidence-disagrees")).toContainText("sysdeps/unix/sysv/linux/getcwd.c");
    await page.goto("/functions/getcwd/review");
    await expect(page.getByTestId("evidence-disagrees")).toContainText("Revision 1 says syscall stub");

    // The catalog filter lists exactly the functions whose estimate disagrees.
    await page.goto("/functions");
    await page.getByLabel("estimate disagrees with evidence").check();
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/disagrees=1/);
    const names = await page
      .getByRole("table", { name: "Functions" })
      .locator("tbody tr td:first-child")
      .allInnerTexts();
    expect(names).toContain("getcwd");
    for (const agreeing of ["read", "unshare", "mount", "prctl", "setgroups", "syscall", "umount", "cap_set_proc"])
      expect(names).not.toContain(agreeing);
    const expected = await query<{ name: string }>(
      `SELECT f.name FROM functions f JOIN implementation_evidence e ON e.id = f.evidence_id
       WHERE (f.estimate_kind = 'syscall stub' AND e.kind NOT IN ('syscall-stub', 'syscall-wrapper'))
          OR (f.estimate_kind = 'assembly stub' AND e.kind <> 'assembly')
          OR (f.estimate_kind = 'complex' AND e.kind IN ('syscall-stub', 'assembly'))
       ORDER BY f.name`,
    );
    expect(names).toEqual(expected.map((r) => r.name));
    await expect(page.getByLabel("estimate disagrees with evidence")).toBeChecked();
    await expect(page.locator('label[for="f-disagrees"]')).toHaveText(
      `estimate disagrees with evidence (${names.length})`,
    );

    // The kind filter: syscall-wrapper evidence, with its count.
    await page.goto("/functions?kind=syscall-wrapper");
    await expect(
      page.getByRole("table", { name: "Functions" }).getByRole("link", { name: "umount", exact: true }),
    ).toBeVisible();
    await expect(page.getByLabel("glibc source").locator("option[value=syscall-wrapper]")).toHaveText(
      /thin C wrapper around one syscall \(6\)/,
    );
  });
});
