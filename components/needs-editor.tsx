"use client";

import { useActionState, useState } from "react";
import { ConflictNotice } from "@/components/conflict-notice";
import { DataTable } from "@/components/data-table";
import { EditSummaryField, FormMessage, SubmitButton } from "@/components/form-state";
import { OptionList } from "@/components/option-list";
import { NeedsPaste } from "@/components/needs-paste";
import { submitWithoutReset } from "@/components/submit-without-reset";
import { idleState } from "@/lib/server/actions/state";
import { saveNeedsAction } from "@/lib/projects/actions";
import { PRIORITIES, type NeedRow } from "@/lib/pages/fields";

interface Props {
  projectId: number;
  baseRevisionId: number | null;
  initialRows: NeedRow[];
  initialText: string;
  /** Catalog names for autocompletion. */
  catalog: string[];
}

const emptyRow = (): NeedRow => ({ function: "", priority: "required", rationale: "", context: "" });

const NEEDS_COLUMNS = [
  "Function",
  "Priority",
  "Context",
  "Rationale",
  <span key="actions" className="sr-only">
    Row actions
  </span>,
];

export function NeedsEditor({ projectId, baseRevisionId, initialRows, initialText, catalog }: Props) {
  const [state, formAction, pending] = useActionState(saveNeedsAction, idleState);
  const [rows, setRows] = useState<NeedRow[]>(initialRows.length ? initialRows : [emptyRow()]);
  const [text, setText] = useState(initialText);
  const [keep, setKeep] = useState<string[]>([]);
  const update = (index: number, patch: Partial<NeedRow>) =>
    setRows((all) => all.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const move = (index: number, by: number) =>
    setRows((all) => {
      const next = [...all];
      const target = index + by;
      if (target < 0 || target >= next.length) return all;
      [next[index], next[target]] = [next[target]!, next[index]!];
      return next;
    });
  const addRows = (added: NeedRow[]) =>
    setRows((all) => {
      const present = new Set(all.map((r) => r.function));
      return [...all.filter((r) => r.function.trim() !== ""), ...added.filter((r) => !present.has(r.function))];
    });
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const unknown = new Set(errors.unknown ?? []);
  return (
    <>
      <NeedsPaste projectId={projectId} onApply={addRows} />
      <form
        onSubmit={submitWithoutReset(formAction)}
        className="stack"
        style={{ maxWidth: "none" }}
        aria-label="Edit the needs list"
      >
        {state.status === "conflict" ? <ConflictNotice state={state} /> : <FormMessage state={state} />}
        <input type="hidden" name="projectId" value={projectId} />
        <input
          type="hidden"
          name="baseRevisionId"
          value={(state.status === "conflict" ? state.baseRevisionId : baseRevisionId) ?? ""}
        />
        <input
          type="hidden"
          name="rows"
          value={JSON.stringify(
            rows.filter((r) => r.function.trim() !== "").map((r) => ({ ...r, function: r.function.trim() })),
          )}
        />
        <input type="hidden" name="keepUnknown" value={JSON.stringify(keep)} />
        <datalist id="catalog-names">
          {catalog.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <DataTable label="Needs rows" columns={NEEDS_COLUMNS}>
          {rows.map((row, index) => {
            const problem = errors[`rows.${index}.function`];
            const name = row.function.trim();
            return (
              <tr key={index}>
                <td>
                  <input
                    aria-label={`Function, row ${index + 1}`}
                    value={row.function}
                    onChange={(e) => update(index, { function: e.target.value })}
                    className="mono"
                    list="catalog-names"
                    autoComplete="off"
                  />
                  {problem ? (
                    <p className="field-error" data-testid="name-warning">
                      {problem.join(" ")}
                    </p>
                  ) : null}
                  {unknown.has(name) ? (
                    <label className="small">
                      <input
                        type="checkbox"
                        checked={keep.includes(name)}
                        onChange={(e) =>
                          setKeep((k) => (e.target.checked ? [...k, name] : k.filter((n) => n !== name)))
                        }
                      />{" "}
                      Keep {name} as a new function
                    </label>
                  ) : null}
                </td>
                <td>
                  <select
                    aria-label={`Priority, row ${index + 1}`}
                    value={row.priority}
                    onChange={(e) => update(index, { priority: e.target.value as NeedRow["priority"] })}
                  >
                    <OptionList values={PRIORITIES} />
                  </select>
                </td>
                <td>
                  <input
                    aria-label={`Context, row ${index + 1}`}
                    value={row.context}
                    onChange={(e) => update(index, { context: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Rationale, row ${index + 1}`}
                    value={row.rationale}
                    onChange={(e) => update(index, { rationale: e.target.value })}
                  />
                </td>
                <td className="actions">
                  <button
                    type="button"
                    className="button secondary small"
                    onClick={() => move(index, -1)}
                    aria-label={`Move row ${index + 1} up`}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button secondary small"
                    onClick={() => move(index, 1)}
                    aria-label={`Move row ${index + 1} down`}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="button secondary small"
                    onClick={() => setRows((all) => all.filter((_, i) => i !== index))}
                    aria-label={`Remove row ${index + 1}`}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            );
          })}
        </DataTable>
        <div>
          <button type="button" className="button secondary" onClick={() => setRows((all) => [...all, emptyRow()])}>
            Add a row
          </button>
        </div>
        <div className="field">
          <label htmlFor="needs-text">Notes (Markdown)</label>
          <textarea id="needs-text" name="text" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <EditSummaryField id="needs-summary" state={state} />
        <SubmitButton pending={pending} busyLabel="Saving…">
          Save
        </SubmitButton>
      </form>
    </>
  );
}
