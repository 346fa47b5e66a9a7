// Plain node:http requests for the benchmark: what a browser receives (the
// bytes on the wire, gzip when the server sends it, measured before
// decompression) and a maintainer's session cookie from next-auth's
// credentials sign-in.
import http from "node:http";
import { gunzipSync } from "node:zlib";

/** Every request of the bench says what a browser says: it takes gzip. */
export const BROWSER_HEADERS = { "accept-encoding": "gzip" } as const;

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as received (compressed when Content-Encoding is gzip). */
  wireBytes: number;
  /** The body's size once decompressed. */
  bytes: number;
  body: Buffer;
}

export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      // A connection of its own: a kept-alive socket the server is closing meanwhile would end in ECONNRESET.
      { method: options.method ?? "GET", headers: options.headers, timeout: options.timeoutMs ?? 60_000, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          const wire = Buffer.concat(chunks);
          let body = wire;
          try {
            if (res.headers["content-encoding"] === "gzip") body = gunzipSync(wire);
          } catch (error) {
            reject(error);
            return;
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            wireBytes: wire.length,
            bytes: body.length,
            body,
          });
        });
      },
    );
    req.on("timeout", () =>
      req.destroy(new Error(`${url}: no answer within ${(options.timeoutMs ?? 60_000) / 1000} s`)),
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

/** name=value pairs of the response's Set-Cookie headers. */
function cookies(response: RawResponse): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of response.headers["set-cookie"] ?? []) {
    const [pair] = line.split(";", 1);
    const at = pair!.indexOf("=");
    if (at > 0) out.set(pair!.slice(0, at).trim(), pair!.slice(at + 1));
  }
  return out;
}

/**
 * Signs in through next-auth's credentials endpoint as a browser's form does (GET /api/auth/csrf, then
 * POST /api/auth/callback/credentials) and returns the Cookie header of the signed-in session.
 */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await request(`${baseUrl}/api/auth/csrf`, { headers: { ...BROWSER_HEADERS } });
  if (csrf.status !== 200) throw new Error(`GET /api/auth/csrf: HTTP ${csrf.status}`);
  const { csrfToken } = JSON.parse(csrf.body.toString("utf8")) as { csrfToken?: string };
  if (!csrfToken) throw new Error("GET /api/auth/csrf: no csrfToken");
  const jar = cookies(csrf);
  const form = new URLSearchParams({ csrfToken, email, password, callbackUrl: baseUrl, json: "true" }).toString();
  const callback = await request(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: {
      ...BROWSER_HEADERS,
      "content-type": "application/x-www-form-urlencoded",
      "content-length": String(Buffer.byteLength(form)),
      cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
      origin: baseUrl,
    },
    body: form,
  });
  for (const [name, value] of cookies(callback)) jar.set(name, value);
  const session = [...jar].filter(([name]) => /(?:^|\.)next-auth\.session-token(?:\.\d+)?$/.test(name));
  if (session.length === 0)
    throw new Error(
      `Sign-in as ${email} failed: HTTP ${callback.status}, no next-auth.session-token cookie ` +
        `(${callback.body.toString("utf8").slice(0, 200)})`,
    );
  return session.map(([k, v]) => `${k}=${v}`).join("; ");
}

/** Fails unless the cookie is a signed-in session: /api/auth/session has a user. */
export async function assertSignedIn(baseUrl: string, cookie: string, email: string): Promise<void> {
  const response = await request(`${baseUrl}/api/auth/session`, { headers: { ...BROWSER_HEADERS, cookie } });
  const text = response.body.toString("utf8");
  if (response.status !== 200 || !text.includes('"user":'))
    throw new Error(`The session cookie of ${email} is not signed in: HTTP ${response.status} ${text.slice(0, 200)}`);
}
