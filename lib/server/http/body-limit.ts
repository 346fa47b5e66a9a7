// The largest request body the app reads, for the API and server actions
// alike: a little above the largest valid request, a 1 MiB revision text
// with its needs list and fields (lib/pages/fields.ts keeps a needs list
// under NEEDS_ROWS_MAX_BYTES so that both fit). Bodies are counted while
// they stream in, so a client cannot make the server hold more than this.
// next.config.js sets the same figure as serverActions.bodySizeLimit ("2mb").

export const MAX_REQUEST_BODY_BYTES = 2 * 1024 * 1024;

export const BODY_TOO_LARGE_MESSAGE =
  `The request body is larger than ${MAX_REQUEST_BODY_BYTES / 1024 / 1024} MiB, ` +
  "the most this site accepts; nothing was saved.";

export class BodyTooLargeError extends Error {
  constructor() {
    super(BODY_TOO_LARGE_MESSAGE);
  }
}

/** Reads a body as text, stopping with BodyTooLargeError as soon as more than `maxBytes` have arrived. */
export async function readCappedText(
  body: ReadableStream<Uint8Array> | null,
  maxBytes = MAX_REQUEST_BODY_BYTES,
): Promise<string> {
  if (!body) return "";
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new BodyTooLargeError();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
