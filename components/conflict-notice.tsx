import type { FormState } from "@/lib/server/actions/state";
import { FieldsDiffView } from "@/components/diff/fields-diff";
import { TextDiff } from "@/components/diff/text-diff";

/** On an edit conflict: what the other person changed, above the editor's own kept version. */
export function ConflictNotice({ state }: { state: Extract<FormState, { status: "conflict" }> }) {
  return (
    <section className="notice warn" role="alert" aria-labelledby="conflict-heading" data-testid="edit-conflict">
      <h2 id="conflict-heading" style={{ marginTop: 0 }}>
        Edit conflict
      </h2>
      <p>{state.message}</p>
      <h3>
        Their change: revision {state.theirs.number} by {state.theirs.author}
        {state.theirs.summary ? (
          <>
            {" "}
            — <em>{state.theirs.summary}</em>
          </>
        ) : null}
      </h3>
      <FieldsDiffView diff={state.theirs.fields} />
      <TextDiff rows={state.theirs.text} view="inline" />
    </section>
  );
}
