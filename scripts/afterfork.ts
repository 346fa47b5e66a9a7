// The Afterfork command-line client: talks to a site's JSON API (AFTERFORK_URL,
// AFTERFORK_TOKEN), except `token create`, which writes to DATABASE_URL directly.
//
//   npm run afterfork -- needs push <slug> <file.json | ->   [--summary "<text>"] [--keep-unknown]
//   npm run afterfork -- needs pull <slug> [-o file]
//   npm run afterfork -- functions get <name> [-o file]
//   npm run -s afterfork -- export > agreed.md      (-s keeps npm's banner out of the file; or -o agreed.md)
//   npm run -s afterfork -- token create --email <email> --name <label>
//   npm run afterfork -- secret rotate              (writes to DATABASE_URL: every session ends)
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";

const usage = `usage: npm run afterfork -- <command>

  needs push <slug> <file.json | ->   send a project's needs list as a new revision
        [--summary "<text>"]          edit summary (default: the file's "summary")
        [--keep-unknown]              add names the catalog lacks as new functions
  needs pull <slug> [-o <file>]       print a project's needs list as JSON (the push format)
  functions get <name> [-o <file>]    print a function as JSON
  export [--no-notes] [--under-review] [-o <file>]
                                      print the agreed list (Markdown); --no-notes leaves out each
                                      function's text, --under-review adds proposals not yet agreed
  token create --email <email> --name <label>
                                      create an API token for an account and print only the token
                                      (writes to DATABASE_URL directly)
  secret rotate                       replace the session secret in DATABASE_URL's settings: every
                                      session ends (API tokens do not); running servers follow within 10 s

The file for "needs push" is {"needs": [{"function", "priority", "rationale", "context"}, …], "summary"?}
or a bare array of rows; "-" reads standard input.
Redirecting output? Use "npm run -s afterfork -- …" so that npm's own banner stays out of it, or -o.

Environment: AFTERFORK_URL (default http://127.0.0.1:3000), AFTERFORK_TOKEN (for writes).`;

/** A failure with a message for the user; exit code 1 (2 for usage errors). */
class CliError extends Error {
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message);
  }
}

const siteUrl = () => (process.env.AFTERFORK_URL || "http://127.0.0.1:3000").replace(/\/+$/, "");

const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional(),
    currentRevisionId: z.number().nullable().optional(),
    conflicts: z.array(z.string()).optional(),
    rule: z.object({ words: z.string() }).optional(),
    retryAfterSeconds: z.number().optional(),
  }),
});

const HINTS: Record<number, string> = {
  401: "Set AFTERFORK_TOKEN to a live token: create one at {site}/settings/tokens.",
  403: "The token's owner may not do this: a needs list can be changed by its project's representatives and by admins.",
  409: "Nothing was written. Pull the current version, reapply your change, and send it again.",
  412: "Nothing was written. Fetch the current revision and send your change based on it.",
  429: "Nothing was written. Too many writes with this token; wait and try again.",
};

/** Turns an error response into a message: the API's own message, its field errors, and what to do. */
async function failure(response: Response, what: string): Promise<CliError> {
  const text = await response.text();
  let parsed: z.output<typeof errorBodySchema> | null = null;
  try {
    const body = errorBodySchema.safeParse(JSON.parse(text));
    if (body.success) parsed = body.data;
  } catch {
    // Not JSON: a proxy's page, or a path the site does not serve.
  }
  const lines = [
    `error: ${parsed ? parsed.error.message : `${what} answered ${response.status} ${response.statusText}`.trim()}`,
  ];
  for (const [field, messages] of Object.entries(parsed?.error.fields ?? {}))
    lines.push(`  ${field}: ${messages.join(" ")}`);
  if (parsed?.error.conflicts?.length) lines.push(`  conflicting changes: ${parsed.error.conflicts.join(", ")}`);
  if (parsed?.error.rule) lines.push(`  agreement rule: ${parsed.error.rule.words}`);
  if (response.status === 401 && !process.env.AFTERFORK_TOKEN) lines.push("AFTERFORK_TOKEN is not set.");
  const hint = HINTS[response.status];
  if (hint)
    lines.push(
      hint.replace("{site}", siteUrl()) +
        (response.status === 429 && response.headers.get("retry-after")
          ? ` (in ${response.headers.get("retry-after")} s)`
          : ""),
    );
  return new CliError(lines.join("\n"));
}

async function request(
  method: string,
  path: string,
  init: { body?: unknown; headers?: Record<string, string>; auth?: boolean } = {},
): Promise<Response> {
  const url = `${siteUrl()}${path}`;
  const headers: Record<string, string> = { accept: "application/json", ...init.headers };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (init.auth) {
    if (!process.env.AFTERFORK_TOKEN)
      throw new CliError(
        `AFTERFORK_TOKEN is not set: writes need an API token. Create one at ${siteUrl()}/settings/tokens.`,
      );
    headers.authorization = `Bearer ${process.env.AFTERFORK_TOKEN}`;
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      redirect: "manual",
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new CliError(`error: cannot reach ${siteUrl()} (${cause}). Is the site running, and is AFTERFORK_URL right?`);
  }
  if (!response.ok) throw await failure(response, `${method} ${path}`);
  return response;
}

const needsSchema = z.object({
  currentRevisionId: z.number().nullable(),
  name: z.string(),
  needs: z.array(z.unknown()),
});
const saveSchema = z.object({
  revisionId: z.number(),
  number: z.number(),
  merged: z.boolean(),
  unchanged: z.boolean(),
});

const pushFileSchema = z.union([
  z.array(z.unknown()).transform((needs) => ({ needs, summary: undefined, text: undefined })),
  z.object({
    needs: z.array(z.unknown(), { error: "needs must be an array of rows." }),
    summary: z.string().optional(),
    text: z.string().optional(),
  }),
]);

function readPushFile(file: string) {
  const source = file === "-" ? "standard input" : file;
  const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));
  let raw: string;
  try {
    raw = readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    throw new CliError(`error: cannot read ${source}: ${reason(error)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    throw new CliError(`error: ${source} is not JSON: ${reason(error)}`);
  }
  const parsed = pushFileSchema.safeParse(data);
  if (!parsed.success)
    throw new CliError(`error: ${source} must hold {"needs": [rows…], "summary"?} or a bare array of rows.`);
  return parsed.data;
}

const slugPath = (slug: string) => `/api/v1/projects/${encodeURIComponent(slug)}`;

async function needsPush(
  slug: string,
  file: string,
  options: { summary?: string; keepUnknown: boolean },
): Promise<void> {
  const content = readPushFile(file);
  const current = needsSchema.parse(await (await request("GET", `${slugPath(slug)}/needs`)).json());
  const names = content.needs.flatMap((row) =>
    row && typeof row === "object" && "function" in row && typeof row.function === "string" ? [row.function] : [],
  );
  const body = {
    needs: content.needs,
    summary: options.summary ?? content.summary ?? "Sent with the afterfork command line",
    ...(content.text !== undefined ? { text: content.text } : {}),
    ...(options.keepUnknown ? { keepUnknown: names } : {}),
  };
  const headers: Record<string, string> =
    current.currentRevisionId === null ? {} : { "if-match": `"${current.currentRevisionId}"` };
  const response = await request("PUT", `${slugPath(slug)}/needs`, { body, headers, auth: true });
  const saved = saveSchema.parse(await response.json());
  const link = `${siteUrl()}${response.headers.get("location") ?? `/projects/${slug}/history`}`;
  if (saved.unchanged) {
    console.log(`${current.name}'s needs list is unchanged (revision ${saved.number}); nothing was written.`);
  } else {
    const rows = `${content.needs.length} ${content.needs.length === 1 ? "row" : "rows"}`;
    const merged = saved.merged ? ", merged with changes saved meanwhile" : "";
    console.log(`Saved revision ${saved.number} of ${current.name}'s needs list (${rows})${merged}: ${link}`);
  }
}

/** Writes a command's result to standard output, or to the file given with -o. */
function emit(text: string, output: string | undefined): void {
  if (output === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(output, text);
  } catch (error) {
    throw new CliError(`error: cannot write ${output}: ${error instanceof Error ? error.message : String(error)}`);
  }
  console.error(`Wrote ${output}.`);
}

async function needsPull(slug: string, output: string | undefined): Promise<void> {
  const current = needsSchema.parse(await (await request("GET", `${slugPath(slug)}/needs`)).json());
  emit(`${JSON.stringify({ needs: current.needs }, null, 2)}\n`, output);
}

async function functionsGet(name: string, output: string | undefined): Promise<void> {
  const response = await request("GET", `/api/v1/functions/${encodeURIComponent(name)}`);
  emit(`${JSON.stringify(await response.json(), null, 2)}\n`, output);
}

async function exportAgreed(
  output: string | undefined,
  options: { notes: boolean; underReview: boolean },
): Promise<void> {
  const search = new URLSearchParams();
  if (!options.notes) search.set("notes", "0");
  if (options.underReview) search.set("underReview", "1");
  const query = search.toString();
  const path = query ? `/export.md?${query}` : "/export.md";
  emit(await (await request("GET", path, { headers: { accept: "text/markdown" } })).text(), output);
}

const tokenArgsSchema = z.object({
  email: z.email("--email must be an email address.").transform((e) => e.toLowerCase()),
  name: z
    .string()
    .trim()
    .min(1, '--name must name the token, e.g. "systemd CI".')
    .max(100, "--name must be under 100 characters."),
});

async function tokenCreate(args: { email?: string; name?: string }): Promise<void> {
  const parsed = tokenArgsSchema.safeParse(args);
  if (!parsed.success)
    throw new CliError(
      `${parsed.error.issues.map((i) => `error: ${i.message}`).join("\n")}\n\n` +
        "usage: npm run afterfork -- token create --email <email> --name <label>",
      2,
    );
  if (!process.env.DATABASE_URL)
    throw new CliError("error: DATABASE_URL is not set: token create writes to the site's database directly.");
  const { db } = await import("../lib/db");
  const { createApiToken, TokenError } = await import("../lib/tokens/tokens");
  try {
    const user = await db.user.findUnique({ where: { email: parsed.data.email }, select: { id: true } });
    if (!user) throw new CliError(`error: there is no account with the email ${parsed.data.email}.`);
    const created = await createApiToken(user.id, parsed.data.name, null, db);
    console.log(created.token);
  } catch (error) {
    if (error instanceof TokenError) throw new CliError(`error: ${error.message}`);
    throw error;
  } finally {
    await db.$disconnect();
  }
}

async function secretRotate(): Promise<void> {
  if (!process.env.DATABASE_URL)
    throw new CliError("error: DATABASE_URL is not set: secret rotate writes to the site's database directly.");
  const { db } = await import("../lib/db");
  const { rotateAuthSecret } = await import("../lib/auth/secret");
  try {
    await rotateAuthSecret(db);
  } finally {
    await db.$disconnect();
  }
  console.error("The session secret is replaced: every session ends within 10 seconds; API tokens stay valid.");
  if (process.env.NEXTAUTH_SECRET)
    console.error("Note: NEXTAUTH_SECRET is set here; servers started with it use it instead of the stored secret.");
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      summary: { type: "string" },
      output: { type: "string", short: "o" },
      "keep-unknown": { type: "boolean", default: false },
      "no-notes": { type: "boolean", default: false },
      "under-review": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [group, command, ...rest] = positionals;
  const expect = (n: number) => {
    if (rest.length !== n) throw new CliError(usage, 2);
  };
  if (values.help) {
    console.log(usage);
    return;
  }
  if (!group) throw new CliError(usage, 2);
  switch (`${group} ${command ?? ""}`.trim()) {
    case "needs push":
      expect(2);
      return needsPush(rest[0]!, rest[1]!, { summary: values.summary, keepUnknown: values["keep-unknown"] });
    case "needs pull":
      expect(1);
      return needsPull(rest[0]!, values.output);
    case "functions get":
      expect(1);
      return functionsGet(rest[0]!, values.output);
    case "export":
      if (command !== undefined) throw new CliError(usage, 2);
      return exportAgreed(values.output, { notes: !values["no-notes"], underReview: values["under-review"] });
    case "token create":
      expect(0);
      return tokenCreate({ email: values.email, name: values.name });
    case "secret rotate":
      expect(0);
      return secretRotate();
    default:
      throw new CliError(usage, 2);
  }
}

main(process.argv.slice(2)).then(
  // Exit once standard output is flushed (fetch may keep idle connections open).
  () => process.stdout.write("", () => process.exit(0)),
  (error: unknown) => {
    if (error instanceof CliError) {
      if (error.message) console.error(error.message);
      process.exit(error.code);
    }
    if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
      console.error(`error: ${error.message}\n\n${usage}`);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  },
);
