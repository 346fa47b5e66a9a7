import type { z } from "zod";
import { authorize, type Actor, type Permission } from "@/lib/auth/permissions";
import { hitRateLimit } from "@/lib/server/actions/rate-limit";

// The one pipeline every write goes through, whatever door it comes in by
// (a form's server action, an API route with a bearer token, a route handler
// with the session cookie): caller → zod → authorize → rate limit. The doors
// only differ in where the caller comes from and how a refusal is written.

/** What a gated entry point declares. */
export interface GateRule<S extends z.ZodType> {
  schema: S;
  /** The permission this input needs, decided by lib/auth/permissions. */
  permission: (input: z.output<S>) => Permission | Promise<Permission>;
  /** Requests per actor per minute. */
  rateLimitPerMinute?: number;
}

/** A write that signed-out visitors may make (registration): rate-limited per client address instead. */
export interface OpenGateRule<S extends z.ZodType> {
  schema: S;
  open: { rateLimit: { key: string; limit: number; windowSeconds: number } };
}

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 60;

/**
 * Runs the pipeline for a known caller. Throws AuthorizationError,
 * RateLimitedError or z.ZodError; each door maps them to its own answer.
 */
export async function passGate<S extends z.ZodType>(
  rule: GateRule<S>,
  caller: Actor | null,
  rawInput: unknown,
  rateLimitKey: (actor: Actor, permission: Permission) => string,
): Promise<{ input: z.output<S>; actor: Actor }> {
  const input = rule.schema.parse(rawInput);
  const permission = await rule.permission(input);
  authorize(caller, permission);
  await hitRateLimit(rateLimitKey(caller, permission), rule.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE, 60);
  return { input, actor: caller };
}

export async function passOpenGate<S extends z.ZodType>(rule: OpenGateRule<S>, rawInput: unknown) {
  const { key, limit, windowSeconds } = rule.open.rateLimit;
  await hitRateLimit(key, limit, windowSeconds);
  return rule.schema.parse(rawInput) as z.output<S>;
}

const gated = new WeakSet<object>();

/** Marks a function as built by one of the gate's doors (checked by tests/unit/server-action-gate.test.ts). */
export function markGated<F extends object>(entry: F): F {
  gated.add(entry);
  return entry;
}

export function isGated(entry: unknown): boolean {
  return typeof entry === "function" && gated.has(entry);
}
