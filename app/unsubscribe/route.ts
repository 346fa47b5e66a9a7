import { z } from "zod";
import { unsubscribeConfirmation, unsubscribeNow } from "@/lib/mail/unsubscribe-page";
import { openRoute } from "@/lib/server/http/open-route";

const tokenOf = (request: Request) => new URL(request.url).searchParams.get("token") ?? "";

export async function GET(request: Request): Promise<Response> {
  return unsubscribeConfirmation(tokenOf(request));
}

/** RFC 8058's one-click POST (body List-Unsubscribe=One-Click), from a mail provider or the page's button. */
export const POST = openRoute(
  {
    read: async (request) => ({
      token: tokenOf(request),
      oneClick: (await request.formData().catch(() => null))?.get("List-Unsubscribe") ?? null,
      fromBrowser: (request.headers.get("accept") ?? "").includes("text/html"),
    }),
    schema: z.object({ token: z.string().min(1).max(200), oneClick: z.literal("One-Click"), fromBrowser: z.boolean() }),
    rateLimit: { key: "unsubscribe", limit: 30, windowSeconds: 60 },
  },
  ({ input }) => unsubscribeNow(input.token, input.fromBrowser),
);
