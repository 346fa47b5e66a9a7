// What the production server (scripts/serve.ts) does to every request before
// the page cache and Next see it: it works out the client's address and
// protocol from the socket and TRUST_PROXY (lib/server/http/client-address.ts),
// replaces whatever a client sent in the headers that carry them, adds HSTS
// on HTTPS, and refuses a server action or API write whose declared length
// is over the body limit before anything reads it (bodies without a length
// are counted while streaming by Next and by the API's reader).
import type { IncomingMessage, ServerResponse } from "node:http";
import { BODY_TOO_LARGE_MESSAGE, MAX_REQUEST_BODY_BYTES } from "@/lib/server/http/body-limit";
import { CLIENT_ADDRESS_HEADER, CLIENT_PROTO_HEADER, forwardedClient } from "@/lib/server/http/client-address";

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export const HSTS = "max-age=31536000; includeSubDomains";

function isPublicHttps(forwarded: boolean): boolean {
  return forwarded || Boolean(process.env.NEXTAUTH_URL?.toLowerCase().startsWith("https://"));
}

/** Requests whose bodies the app reads in full: server actions (a Next-Action header) and the JSON API's writes. */
function readsBody(request: IncomingMessage): boolean {
  if (request.method === "GET" || request.method === "HEAD") return false;
  return request.headers["next-action"] !== undefined || (request.url ?? "").startsWith("/api/v1/");
}

export function frontDoor(handle: Handler, options: { hops: number; maxBodyBytes?: number }): Handler {
  const maxBodyBytes = options.maxBodyBytes ?? MAX_REQUEST_BODY_BYTES;
  return (request, response) => {
    const client = forwardedClient({
      socketAddress: request.socket.remoteAddress,
      socketEncrypted: "encrypted" in request.socket && Boolean(request.socket.encrypted),
      forwardedFor: request.headers["x-forwarded-for"],
      forwardedProto: request.headers["x-forwarded-proto"],
      hops: options.hops,
    });
    request.headers[CLIENT_ADDRESS_HEADER] = client.address;
    request.headers[CLIENT_PROTO_HEADER] = client.https ? "https" : "http";
    // Next and next-auth read these two as they come; without a trusted proxy
    // a client's own copy would decide the protocol of cookies and redirects.
    request.headers["x-forwarded-proto"] = client.https ? "https" : "http";
    if (options.hops === 0) request.headers["x-forwarded-for"] = client.address;
    if (isPublicHttps(client.https)) response.setHeader("Strict-Transport-Security", HSTS);
    if (readsBody(request) && Number(request.headers["content-length"] ?? 0) > maxBodyBytes) {
      // The API answers in its own error shape; a form's fetch shows the error page either way.
      const api = (request.url ?? "").startsWith("/api/");
      response.writeHead(413, {
        "content-type": api ? "application/json; charset=utf-8" : "text/plain; charset=utf-8",
        connection: "close",
      });
      response.end(
        api
          ? JSON.stringify({ error: { code: "too_large", message: BODY_TOO_LARGE_MESSAGE } })
          : BODY_TOO_LARGE_MESSAGE,
      );
      return;
    }
    handle(request, response);
  };
}
