import { cookieRoute } from "@/lib/server/http/cookie-route";
import { runImport } from "@/lib/reference/run-import";
import { importFormSchema } from "@/lib/reference/schema";
import { ReferenceParseError } from "@/lib/reference/parse-error";

/**
 * Runs an import from uploaded files and streams its progress as
 * newline-delimited JSON: {"type":"progress",…} lines, then one
 * {"type":"done",…} or {"type":"error",…}.
 */
export const POST = cookieRoute(
  {
    read: async (request) => {
      const form = await request.formData();
      const files = form.getAll("files").filter((f) => f instanceof File && f.size > 0);
      return { kind: form.get("kind"), source: form.get("source"), files };
    },
    schema: importFormSchema,
    permission: () => ({ action: "reference.import" }),
    rateLimitPerMinute: 10,
  },
  async ({ input, actor }) => {
    const { kind, source, files } = input;
    const texts = await Promise.all(
      files.map(async (f) => ({ name: f.name.split("/").at(-1)!, text: await f.text() })),
    );
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
              importedById: actor.id,
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
  },
);
