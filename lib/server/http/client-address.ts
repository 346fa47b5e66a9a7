// Who is on the other end of a request, and whether they reached the site
// over HTTPS. X-Forwarded-For and X-Forwarded-Proto are only believed
// through TRUST_PROXY hops (the number of reverse proxies in front of the
// app, default 0): anyone can send them, so with no trusted proxy the
// socket's peer address is the client and the connection's own protocol is
// the protocol. scripts/serve.ts works this out once per request from the
// socket and hands it to the app in the two headers below, after dropping
// any copy a client sent.

/** Set by scripts/serve.ts: the client's address. */
export const CLIENT_ADDRESS_HEADER = "x-afterfork-client-ip";
/** Set by scripts/serve.ts: "https" or "http", as the client reached the first trusted hop. */
export const CLIENT_PROTO_HEADER = "x-afterfork-proto";

/** TRUST_PROXY as a number of hops; anything but a whole number ≥ 0 is refused. */
export function trustedProxyHops(value = process.env.TRUST_PROXY): number {
  if (value === undefined || value.trim() === "") return 0;
  const hops = Number(value);
  if (!Number.isInteger(hops) || hops < 0)
    throw new Error(`TRUST_PROXY must be the number of trusted proxies in front of the app (0, 1, …), not "${value}".`);
  return hops;
}

function list(header: string | string[] | undefined): string[] {
  const joined = Array.isArray(header) ? header.join(",") : (header ?? "");
  return joined
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

export interface ForwardedClient {
  address: string;
  https: boolean;
}

/**
 * The client behind `hops` trusted proxies. Each proxy appends the address it
 * was reached from to X-Forwarded-For, so the client is the entry `hops`
 * places left of the socket's peer (or the leftmost, if the chain is
 * shorter); entries further left were written by the client itself.
 */
export function forwardedClient(input: {
  socketAddress: string | undefined;
  socketEncrypted: boolean;
  forwardedFor: string | string[] | undefined;
  forwardedProto: string | string[] | undefined;
  hops: number;
}): ForwardedClient {
  const socket = input.socketAddress ?? "unknown";
  if (input.hops === 0) return { address: socket, https: input.socketEncrypted };
  const chain = [...list(input.forwardedFor), socket];
  const address = chain[Math.max(0, chain.length - 1 - input.hops)]!;
  const protos = list(input.forwardedProto);
  const proto = protos.length ? protos[Math.max(0, protos.length - input.hops)]! : "";
  return { address, https: proto ? proto.toLowerCase() === "https" : input.socketEncrypted };
}

/** The client address of a request that came through scripts/serve.ts ("unknown" without it, e.g. under next dev). */
export function clientAddress(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER) || "unknown";
}

/** Whether the public side of this request is HTTPS: NEXTAUTH_URL says so, or the (trusted) connection was. */
export function isHttpsRequest(headers: Headers): boolean {
  if (process.env.NEXTAUTH_URL?.toLowerCase().startsWith("https://")) return true;
  return headers.get(CLIENT_PROTO_HEADER) === "https";
}
