"use client";

import { useEffect } from "react";
import { idleState } from "@/lib/server/actions/state";
import { markSeenAction } from "@/lib/watch/actions";
import { WATCH_SEEN_EVENT } from "@/components/watch-badge";

/**
 * Tells the server that the signed-in watcher has seen this page, once it has
 * loaded: rendering a page never writes, and a visit is what the watchlist's
 * "new since your last visit" counts from.
 */
export function MarkSeen({ pageId }: { pageId: number }) {
  useEffect(() => {
    const form = new FormData();
    form.set("pageId", String(pageId));
    void markSeenAction(idleState, form).then(() => window.dispatchEvent(new Event(WATCH_SEEN_EVENT)));
  }, [pageId]);
  return null;
}
