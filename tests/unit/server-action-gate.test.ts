import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isGated } from "@/lib/server/gate/core";

// Every function a "use server" module exports is reachable from any browser
// as a POST, so each must be built by one of the gate's doors (safeAction,
// safeCall, openAction). This test finds those modules by their directive
// rather than by a list, so a new one cannot be forgotten.

const ROOT = path.resolve(__dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

const serverActionModules = [...sourceFiles("lib"), ...sourceFiles("app"), ...sourceFiles("components")].filter(
  (file) => /^\s*["']use server["']/.test(readFileSync(path.join(ROOT, file), "utf8")),
);

describe("server actions", () => {
  it("are found", () => {
    expect(serverActionModules.length).toBeGreaterThanOrEqual(8);
  });

  it.each(serverActionModules)("%s exports only gated functions", async (file) => {
    const exports: Record<string, unknown> = await import(path.join(ROOT, file));
    const ungated = Object.entries(exports)
      .filter(([, value]) => typeof value === "function" && !isGated(value))
      .map(([name]) => name);
    expect(ungated).toEqual([]);
  });

  it("a plain async function would be caught", () => {
    expect(isGated(async () => ({ status: "idle" }))).toBe(false);
  });
});

// Route handlers that change something are gated too (apiAction for the API,
// cookieRoute for the session's own downloads and uploads); next-auth's own
// sign-in endpoint is its own door.
const WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"];
const OWN_DOORS = ["app/api/auth/[...nextauth]/route.ts"];
const routeModules = sourceFiles("app").filter((file) => file.endsWith("route.ts") && !OWN_DOORS.includes(file));

describe("route handlers", () => {
  it.each(routeModules)("%s gates every method that writes", async (file) => {
    const exports: Record<string, unknown> = await import(path.join(ROOT, file));
    const ungated = WRITE_METHODS.filter((method) => method in exports && !isGated(exports[method]));
    expect(ungated).toEqual([]);
  });

  it("the backup download, a GET that reads everything, is gated", async () => {
    const { GET } = await import("@/app/admin/backup/download/route");
    expect(isGated(GET)).toBe(true);
  });
});

describe("a forgotten gate", () => {
  it("is caught", () => {
    expect(isGated(async () => ({ status: "idle" }))).toBe(false);
  });
});
