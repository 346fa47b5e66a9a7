import type { Role } from "@/lib/generated/prisma/client";

/**
 * Every decision about who may do what is made here and only here. Writes
 * reach it through the gate (lib/server/gate/), pages through `requireActor`,
 * and `can` decides what a page offers. Reading is public and needs no
 * permission.
 */

export interface Actor {
  id: number;
  role: Role;
  name: string;
  /** Projects the actor represents. */
  projectIds: number[];
  /**
   * Whether the account's address is confirmed (lib/mail/accounts.ts). An unverified account has no role:
   * it may read and manage its own account (to verify it), nothing else.
   */
  emailVerified: boolean;
}

export type Permission =
  | { action: "users.manage" }
  | { action: "projects.manage" }
  | { action: "needs.edit"; projectId: number }
  | { action: "proposal.suggest" }
  | { action: "comment.create" }
  | { action: "vote.cast" }
  | { action: "decision.record" }
  | { action: "proposal.withdraw"; request: RequestFacts }
  | { action: "proposal.reopen"; request: RequestFacts }
  | { action: "settings.manage" }
  | { action: "reference.import" }
  | { action: "watch.manage" }
  | { action: "tokens.manage" }
  | { action: "account.manage" };

/** What decides who may close or reopen a function's request: its agreements and who asked for it. */
export interface RequestFacts {
  /** Maintainers have agreed a revision of the proposal at some time (the agreement may since have ended). */
  everAgreed: boolean;
  /** Projects whose needs list names the function. */
  requestedBy: number[];
}

const RANK: Record<Role, number> = { reader: 0, representative: 1, maintainer: 2, admin: 3 };

function atLeast(actor: Actor, role: Role): boolean {
  return RANK[actor.role] >= RANK[role];
}

export function can(actor: Actor | null, permission: Permission): boolean {
  if (!actor) return false;
  if (!actor.emailVerified) return permission.action === "account.manage";
  switch (permission.action) {
    case "users.manage":
    case "projects.manage":
    case "settings.manage":
    case "reference.import":
      return actor.role === "admin";
    case "needs.edit":
      return (
        actor.role === "admin" || (atLeast(actor, "representative") && actor.projectIds.includes(permission.projectId))
      );
    case "vote.cast":
    case "decision.record":
      return atLeast(actor, "maintainer");
    case "proposal.suggest":
      return atLeast(actor, "representative");
    case "proposal.withdraw":
    case "proposal.reopen":
      // What maintainers agreed is theirs to undo; a representative may drop or revive only their own
      // project's request, and only while nothing about it was ever agreed.
      return (
        atLeast(actor, "maintainer") ||
        (atLeast(actor, "representative") &&
          !permission.request.everAgreed &&
          permission.request.requestedBy.some((id) => actor.projectIds.includes(id)))
      );
    case "comment.create":
    case "watch.manage":
    case "tokens.manage":
    case "account.manage":
      return true;
  }
}

export class AuthorizationError extends Error {
  constructor(readonly signedIn: boolean) {
    super(signedIn ? "You are not allowed to do that." : "Sign in first.");
  }
}

export function authorize(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!can(actor, permission)) throw new AuthorizationError(actor !== null);
}
