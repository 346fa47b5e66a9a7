import { can } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";
import { isSameOrigin } from "@/lib/server/http/same-origin";
import { runImport } from "@/lib/reference/run-import";
import { importFormSchema } from "@/lib/reference/schema";
import { ReferenceParseError } from "@/lib/reference/texinfo";

/**
 * Runs an import from uploaded files and streams its progress as
 * newline-delimited JSON: {"type":"progress",…} lines, then one
 * {"type":"done",…} or {"type":"error",…}.
 */
export async function POST(request: Request) {
  if (!isSameOrigin(request)) return Response.json({ error: "Cross-site request refused." }, { status: 403 });
  const actor = await currentActor();
  if (!can(actor, { action: "reference.import" })) {
    return Response.json(
      { error: actor ? "Only admins import reference facts." : "Sign in first." },
      { status: actor ? 403 : 401 },
    );
  }
  const form = await request.formData();
  const parsed = importFormSchema.safeParse({
    kind: form.get("kind"),
    source: form.get("source"),
    files: form.getAll("files").filter((f) => f instanceof File && f.size > 0),
  });
  if (!parsed.success)
    return Response.json({ error: parsed.error.issues.map((i) => i.message).join(" ") }, { status: 400 });
  const { kind, source, files } = parsed.data;
  const texts = await Promise.all(files.map(async (f) => ({ name: f.name.split("/").at(-1)!, text: await f.text() })));
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      const send = (event: object) => controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      try {
        const outcome = await runImport(
          kind,
          texts,
          {
            source,
            origin: `upload: ${texts
              .map((t) => t.name)
              .join(", ")
              .slice(0, 500)}`,
            importedById: actor!.id,
          },
          (step) => send({ type: "progress", ...step }),
        );
        send({
          type: "done",
          outcome: {
            ...outcome,
            undocumented: outcome.undocumented.map((u) => `${u.texiFile}:${u.line}: ${u.function}`),
          },
        });
      } catch (error) {
        send({
          type: "error",
          message:
            error instanceof ReferenceParseError
              ? `${error.message} — nothing was imported.`
              : "The import failed; nothing was imported.",
        });
        if (!(error instanceof ReferenceParseError)) console.error(error);
      }
      controller.close();
    },
  });
  return new Response(stream, {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" },
  });
}
