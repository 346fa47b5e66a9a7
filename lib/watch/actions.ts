"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { publicOrigin } from "@/lib/server/http/public-origin";
import { safeAction } from "@/lib/server/actions/safe-action";
import { pageRefById } from "@/lib/pages/refs";
import { createFeedToken, markAllSeen, markSeen, revokeFeedToken, setWatching } from "@/lib/watch/watchlist";

const watchSchema = z.object({
  pageId: z.coerce.number().int().positive(),
  watching: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export const watchAction = safeAction(
  { schema: watchSchema, permission: () => ({ action: "watch.manage" }), rateLimitPerMinute: 60 },
  async (input, actor) => {
    const ref = await pageRefById(input.pageId);
    if (!ref) return { status: "error", message: "That page does not exist." };
    await setWatching(actor.id, input.pageId, input.watching);
    revalidatePath(ref.basePath);
    return { status: "ok", message: input.watching ? "Added to your watchlist." : "Removed from your watchlist." };
  },
);

// Sent by a watched page once it has loaded in the browser, so that the page's
// render writes nothing; the watchlist then shows what came after this visit.
export const markSeenAction = safeAction(
  {
    schema: z.object({ pageId: z.coerce.number().int().positive() }),
    permission: () => ({ action: "watch.manage" }),
    rateLimitPerMinute: 60,
  },
  async (input, actor) => {
    await markSeen(actor.id, input.pageId);
    return { status: "ok", message: "Marked as seen." };
  },
);

export const markAllSeenAction = safeAction(
  { schema: z.object({}), permission: () => ({ action: "watch.manage" }) },
  async (_input, actor) => {
    await markAllSeen(actor.id);
    revalidatePath("/watchlist");
    return { status: "ok", message: "Everything is marked as seen." };
  },
);

export const createFeedTokenAction = safeAction(
  { schema: z.object({}), permission: () => ({ action: "tokens.manage" }), rateLimitPerMinute: 10 },
  async (_input, actor) => {
    const token = await createFeedToken(actor.id);
    const origin = publicOrigin();
    revalidatePath("/watchlist");
    return {
      status: "ok",
      message: `Your feed URL (shown once; keep it secret): ${origin}/watchlist/atom?token=${token}`,
    };
  },
);

export const revokeFeedTokenAction = safeAction(
  { schema: z.object({}), permission: () => ({ action: "tokens.manage" }) },
  async (_input, actor) => {
    await revokeFeedToken(actor.id);
    revalidatePath("/watchlist");
    return { status: "ok", message: "The feed URL is revoked." };
  },
);
