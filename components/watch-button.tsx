import { ActionForm } from "@/components/action-form";
import { watchAction } from "@/lib/watch/actions";

export function WatchButton({ pageId, watching }: { pageId: number; watching: boolean }) {
  return (
    <ActionForm action={watchAction} label={watching ? "Unwatch" : "Watch"}>
      <input type="hidden" name="pageId" value={pageId} />
      <input type="hidden" name="watching" value={watching ? "false" : "true"} />
      <button type="submit" className="button secondary small">
        {watching ? "Unwatch" : "Watch"}
      </button>
    </ActionForm>
  );
}
