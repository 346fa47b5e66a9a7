import { describe, expect, it } from "vitest";
import { authorize, AuthorizationError, can, type Actor, type Permission } from "@/lib/auth/permissions";

const actor = (role: Actor["role"], projectIds: number[] = [], emailVerified = true): Actor => ({
  id: 1,
  role,
  name: role,
  projectIds,
  emailVerified,
});
const LINTED = 1;
const SYSTEMD = 2;

const who = {
  anonymous: null,
  reader: actor("reader"),
  repLinted: actor("representative", [LINTED]),
  repSystemd: actor("representative", [SYSTEMD]),
  readerLinkedToLinted: actor("reader", [LINTED]),
  maintainer: actor("maintainer"),
  admin: actor("admin"),
  // An account whose address is not confirmed: whatever its stored role, it may only manage itself.
  unverified: actor("admin", [LINTED], false),
};

const verified = ["reader", "repLinted", "repSystemd", "readerLinkedToLinted", "maintainer", "admin"] as const;

const table: [Permission, (keyof typeof who)[]][] = [
  [{ action: "users.manage" }, ["admin"]],
  [{ action: "needs.edit", projectId: LINTED }, ["repLinted", "admin"]],
  [{ action: "proposal.suggest" }, ["repLinted", "repSystemd", "maintainer", "admin"]],
  [{ action: "vote.cast" }, ["maintainer", "admin"]],
  [{ action: "comment.create" }, [...verified]],
  [{ action: "watch.manage" }, [...verified]],
  [{ action: "tokens.manage" }, [...verified]],
  [{ action: "account.manage" }, [...verified, "unverified"]],
  // Withdrawing and reopening: maintainers always; a representative only for their own project's
  // request, and only while nothing about it was ever agreed.
  ...(["proposal.withdraw", "proposal.reopen"] as const).flatMap((action): [Permission, (keyof typeof who)[]][] => [
    [{ action, request: { everAgreed: false, requestedBy: [LINTED] } }, ["repLinted", "maintainer", "admin"]],
    [
      { action, request: { everAgreed: false, requestedBy: [LINTED, SYSTEMD] } },
      ["repLinted", "repSystemd", "maintainer", "admin"],
    ],
    [{ action, request: { everAgreed: false, requestedBy: [] } }, ["maintainer", "admin"]],
    [{ action, request: { everAgreed: true, requestedBy: [LINTED] } }, ["maintainer", "admin"]],
    [{ action, request: { everAgreed: true, requestedBy: [] } }, ["maintainer", "admin"]],
  ]),
  [{ action: "decision.record" }, ["maintainer", "admin"]],
];

describe("permissions", () => {
  it.each(table)("%o is granted to exactly %o", (permission, allowed) => {
    for (const [name, a] of Object.entries(who)) {
      expect(can(a, permission), name).toBe(allowed.includes(name as keyof typeof who));
    }
  });

  it("authorize throws a sign-in error for anonymous users and a refusal for others", () => {
    expect(() => authorize(null, { action: "users.manage" })).toThrow("Sign in first.");
    expect(() => authorize(who.reader, { action: "users.manage" })).toThrow(AuthorizationError);
    expect(() => authorize(who.admin, { action: "users.manage" })).not.toThrow();
  });
});
