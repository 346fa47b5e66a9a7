"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/** Sent by MarkSeen once the server has recorded a visit, so the badge counts it at once. */
export const WATCH_SEEN_EVENT = "afterfork:watch-seen";

/**
 * The header's count of watched pages changed since the user last looked. The header is in the root layout,
 * which Next keeps across in-site navigation, so the count is fetched again on every new path and after a
 * visit is recorded; a server action's refresh brings a new `initial`, which wins.
 */
export function WatchBadge({ initial }: { initial: number }) {
  const pathname = usePathname();
  const [count, setCount] = useState(initial);
  const [fromServer, setFromServer] = useState(initial);
  const countedPath = useRef(pathname);
  if (initial !== fromServer) {
    setFromServer(initial);
    setCount(initial);
  }
  useEffect(() => {
    const refresh = () =>
      void fetch("/watchlist/changes", { cache: "no-store" })
        .then((response) => (response.ok ? (response.json() as Promise<{ changed?: unknown }>) : null))
        .then((body) => {
          if (typeof body?.changed === "number") setCount(body.changed);
        })
        .catch(() => undefined);
    if (pathname !== countedPath.current) {
      countedPath.current = pathname;
      refresh();
    }
    window.addEventListener(WATCH_SEEN_EVENT, refresh);
    return () => window.removeEventListener(WATCH_SEEN_EVENT, refresh);
  }, [pathname]);
  if (count <= 0) return null;
  return (
    <span className="count-badge" data-testid="watch-changes">
      {count}
      <span className="sr-only"> changed since you last looked</span>
    </span>
  );
}
