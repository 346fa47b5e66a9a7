import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/lib/server/db-errors";

describe("database unavailability", () => {
  it.each([
    Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
    Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
    new Error("Connection terminated unexpectedly"),
    new Error("Client has encountered a connection error and is not queryable"),
    Object.assign(new Error("wrapped"), {
      cause: Object.assign(new Error("the database system is starting up"), { code: "57P03" }),
    }),
    { kind: "ConnectionClosed" },
  ])("recognises %o", (error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([new Error("duplicate key value violates unique constraint"), { code: "23505" }, null, "ECONN"])(
    "leaves other errors alone: %o",
    (error) => {
      expect(isDatabaseUnavailable(error)).toBe(false);
    },
  );
});
