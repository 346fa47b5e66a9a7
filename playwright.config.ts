import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { SERVER_ENV, serverArgs } from "./scripts/lib/production";

// Run through `npm run test:e2e` (scripts/run-e2e.ts), which builds nothing but
// prepares a fresh database and passes its URL in DATABASE_URL.
const PORT = Number(process.env.E2E_PORT || 3100);
const baseURL = `http://127.0.0.1:${PORT}`;
const chromium = existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : process.env.CHROMIUM_PATH;

export default defineConfig({
  testDir: "e2e",
  // Generous: a test that signs in three users and renders a dozen pages takes 30 s when this 2-CPU machine is busy.
  timeout: 90_000,
  // A save (server action, redirect, render of the page it lands on) took over 5 s in two clean-clone runs on this
  // busy 2-CPU machine and under 5 s in another; assertions wait up to 15 s rather than fail on the machine's load.
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [
    ["list"],
    ...(process.env.CI ? [] : [["html", { open: "never" }] as const]),
    // npm test reads this report to print the suite's closing line.
    ...(process.env.E2E_JSON_REPORT ? [["json", { outputFile: process.env.E2E_JSON_REPORT }] as const] : []),
  ],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: ["node", ...serverArgs()].join(" "),
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      ...SERVER_ENV,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      DATABASE_URL: process.env.DATABASE_URL ?? "",
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "e2e-secret-not-for-production",
      NEXTAUTH_URL: baseURL,
      AUTH_TRUST_HOST: "true",
    },
  },
});
