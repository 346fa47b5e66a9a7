"use client";

import { useActionState, useMemo, useState, type ChangeEvent } from "react";
import { ConflictNotice } from "@/components/conflict-notice";
import { FieldsDiffView } from "@/components/diff/fields-diff";
import { TextDiff } from "@/components/diff/text-diff";
import { EditSummaryField, FieldError, FormMessage } from "@/components/form-state";
import { Markdown } from "@/components/markdown";
import { OptionList } from "@/components/option-list";
import { submitWithoutReset } from "@/components/submit-without-reset";
import { idleState } from "@/lib/server/actions/state";
import { saveProposalAction } from "@/lib/pages/actions";
import { diffProposalFields, diffText } from "@/lib/pages/diff";
import { AS_SAFETY_ESTIMATES, IMPLEMENTATION_KINDS, type ProposalFields } from "@/lib/pages/fields";

interface Props {
  functionName: string;
  baseRevisionId: number | null;
  base: { text: string; fields: ProposalFields } | null;
  initial: { text: string; fields: ProposalFields };
}

export function ProposalEditor({ functionName, baseRevisionId, base, initial }: Props) {
  const [state, formAction, pending] = useActionState(saveProposalAction, idleState);
  const [fields, setFields] = useState<ProposalFields>(initial.fields);
  const [text, setText] = useState(initial.text);
  const [panel, setPanel] = useState<"none" | "preview" | "changes">("none");
  const changes = useMemo(
    () =>
      panel === "changes"
        ? { fields: diffProposalFields(base?.fields ?? null, fields), text: diffText(base?.text ?? "", text) }
        : null,
    [panel, base, fields, text],
  );
  const set = (patch: Partial<ProposalFields>) => setFields((f) => ({ ...f, ...patch }));
  // The control of one field: named and labelled by it, showing and setting its value.
  const bind = <K extends keyof ProposalFields>(name: K) => ({
    id: name,
    name,
    value: fields[name],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      set({ [name]: e.target.value }),
  });
  // A select over one of the fields with a fixed list of values.
  const choice = (name: "implementationKind" | "asSafety", label: string, values: readonly string[]) => (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <select {...bind(name)}>
        <OptionList values={values} />
      </select>
    </div>
  );
  const currentBase = state.status === "conflict" ? state.baseRevisionId : baseRevisionId;
  return (
    <form
      onSubmit={submitWithoutReset(formAction)}
      className="stack"
      style={{ maxWidth: "48rem" }}
      aria-label={`Edit the proposal for ${functionName}`}
    >
      {state.status === "conflict" ? <ConflictNotice state={state} /> : <FormMessage state={state} />}
      <input type="hidden" name="functionName" value={functionName} />
      <input type="hidden" name="baseRevisionId" value={currentBase ?? ""} />
      <div className="field">
        <label htmlFor="guarantee">Requested guarantee</label>
        <textarea {...bind("guarantee")} style={{ minHeight: "4rem" }} />
        <FieldError state={state} name="guarantee" />
      </div>
      {choice("implementationKind", "Implementation kind", IMPLEMENTATION_KINDS)}
      <div className="field">
        <label htmlFor="implementationNote">Implementation note</label>
        <input {...bind("implementationNote")} placeholder="e.g. pure function; libcap, not glibc" />
      </div>
      {choice("asSafety", "AS-safety estimate", AS_SAFETY_ESTIMATES)}
      <div className="field">
        <label htmlFor="text">Proposal text (Markdown)</label>
        <textarea
          id="text"
          name="text"
          value={text}
          onChange={(e) => setText(e.target.value)}
          style={{ minHeight: "14rem" }}
        />
        <FieldError state={state} name="text" />
      </div>
      <EditSummaryField id="summary" state={state} />
      <div className="actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </button>
        <button type="button" className="button secondary" onClick={() => setPanel("changes")}>
          Show changes
        </button>
        <button type="button" className="button secondary" onClick={() => setPanel("preview")}>
          Preview
        </button>
      </div>
      {panel === "preview" ? (
        <section className="panel" aria-label="Preview">
          <Markdown source={text} />
        </section>
      ) : null}
      {changes ? (
        <section className="panel" aria-label="Changes" data-testid="show-changes">
          <h2 style={{ marginTop: 0 }}>
            Changes against {baseRevisionId ? "the revision you are editing" : "an empty page"}
          </h2>
          <FieldsDiffView diff={{ kind: "proposal", changes: changes.fields }} />
          <TextDiff rows={changes.text} view="inline" />
        </section>
      ) : null}
    </form>
  );
}
