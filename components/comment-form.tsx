"use client";

import { useActionState, useEffect, useRef } from "react";
import { FieldError, FormMessage, SubmitButton } from "@/components/form-state";
import { idleState } from "@/lib/server/actions/state";
import { addCommentAction } from "@/lib/comments/actions";

export function CommentForm({ pageId, parentId, label }: { pageId: number; parentId?: number; label: string }) {
  const [state, formAction, pending] = useActionState(addCommentAction, idleState);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === "ok") form.current?.reset();
  }, [state]);
  const id = `comment-${parentId ?? "new"}`;
  return (
    <form ref={form} action={formAction} className="stack" style={{ maxWidth: "40rem" }} aria-label={label}>
      <FormMessage state={state} />
      <input type="hidden" name="pageId" value={pageId} />
      <input type="hidden" name="parentId" value={parentId ?? ""} />
      <div className="field">
        <label htmlFor={id}>
          {label} <span className="muted small">(Markdown)</span>
        </label>
        <textarea id={id} name="body" style={{ minHeight: parentId ? "4rem" : "6rem" }} />
        <FieldError state={state} name="body" />
      </div>
      <SubmitButton pending={pending} busyLabel="Posting…" small>
        {parentId ? "Reply" : "Post comment"}
      </SubmitButton>
    </form>
  );
}
