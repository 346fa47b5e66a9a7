import { z } from "zod";
import { isDatabaseUnavailable } from "@/lib/server/db-errors";
import {
  BODY_TOO_LARGE_MESSAGE,
  BodyTooLargeError,
  MAX_REQUEST_BODY_BYTES,
  readCappedText,
} from "@/lib/server/http/body-limit";
import { fieldErrorsOf } from "@/lib/server/actions/form-errors";
import { RateLimitedError } from "@/lib/server/actions/rate-limit";
import { AuthorizationError } from "@/lib/auth/permissions";
import { ReviewError } from "@/lib/review/mutations";
import type { ApiErrorBody } from "@/lib/server/api/schemas/common";

// The plumbing every route handler under app/api/v1 shares: JSON responses,
// one error type mapped to one error shape, request parsing with zod, and
// If-Match.

type ErrorExtra = Omit<ApiErrorBody["error"], "code" | "message">;

/** A refusal with an HTTP status and a message for people; nothing was written. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: ErrorExtra = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound = (message: string) => new ApiError(404, "not_found", message);

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

/** A JSON response whose body has the type of the documented response schema. */
export function json<S extends z.ZodType>(
  _schema: S,
  body: z.output<S>,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { ...JSON_HEADERS, ...init.headers },
  });
}

/** The strong entity tag of a page: its current revision id. */
export function etag(revisionId: number | null): Record<string, string> {
  return revisionId === null ? {} : { etag: `"${revisionId}"` };
}

function errorBody(code: string, message: string, extra: ErrorExtra = {}): ApiErrorBody {
  return { error: { code, message, ...extra } };
}

/** Maps anything a handler throws to the API's error shape. */
export function errorResponse(error: unknown): Response {
  const respond = (status: number, body: ApiErrorBody, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
  if (error instanceof ApiError)
    return respond(error.status, errorBody(error.code, error.message, error.extra), error.headers);
  if (error instanceof z.ZodError) {
    return respond(
      400,
      errorBody("invalid_request", "The request is not valid; see the fields.", { fields: fieldErrorsOf(error) }),
    );
  }
  if (error instanceof AuthorizationError) {
    return error.signedIn
      ? respond(403, errorBody("forbidden", "Your account's role does not allow this."))
      : respond(401, errorBody("unauthenticated", "This request needs an API token."));
  }
  if (error instanceof RateLimitedError) {
    return respond(429, errorBody("rate_limited", error.message, { retryAfterSeconds: error.retryAfterSeconds }), {
      "retry-after": String(error.retryAfterSeconds),
    });
  }
  if (error instanceof ReviewError) {
    return respond(
      409,
      errorBody(
        error.state ? "rule_not_met" : "review_conflict",
        error.message,
        error.state ? { rule: { ...error.state } } : {},
      ),
    );
  }
  if (isDatabaseUnavailable(error)) {
    return respond(
      503,
      errorBody(
        "unavailable",
        "The database is not reachable right now; nothing was saved. Try again in a few seconds.",
      ),
      { "retry-after": "5" },
    );
  }
  console.error(error);
  return respond(
    500,
    errorBody(
      "internal_error",
      "Something went wrong on the server; nothing was saved. Try again, or report it if it persists.",
    ),
  );
}

type RouteContext<P> = { params: Promise<P> };

/** Wraps a route handler: its params are awaited and whatever it throws becomes an error response. */
export function apiRoute<P extends Record<string, string> = Record<string, never>>(
  run: (request: Request, params: P) => Promise<Response>,
) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      return await run(request, await context.params);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** The query string parsed by a zod schema; empty values count as absent. 400 with field errors otherwise. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, value]) => value !== ""));
  return schema.parse(params);
}

/** The largest request body accepted (lib/server/http/body-limit.ts). */
export const MAX_BODY_BYTES = MAX_REQUEST_BODY_BYTES;

/** The JSON body as a value; 400 when it is not JSON, 413 as soon as more than MAX_BODY_BYTES have streamed in. */
export async function readJsonValue(request: Request): Promise<unknown> {
  const tooLarge = () => new ApiError(413, "too_large", BODY_TOO_LARGE_MESSAGE);
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  let text: string;
  try {
    text = await readCappedText(request.body, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw tooLarge();
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid JSON.");
  }
}

/** The JSON body parsed by a zod schema; 400 when it is not JSON or does not match, 413 when it is too large. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  return schema.parse(await readJsonValue(request));
}

export type IfMatch = { kind: "absent" } | { kind: "invalid"; value: string } | { kind: "revision"; id: number };

/** Reads If-Match: `"123"` (also accepted: `123`, `W/"123"`), the id of the revision a change is based on. */
export function readIfMatch(request: Request): IfMatch {
  const value = request.headers.get("if-match");
  if (value === null) return { kind: "absent" };
  const match = /^\s*(?:W\/)?"?([1-9][0-9]{0,15})"?\s*$/.exec(value);
  return match ? { kind: "revision", id: Number(match[1]) } : { kind: "invalid", value };
}
