"use client";

import { useState, useTransition } from "react";
import { DataTable } from "@/components/data-table";
import { OptionList } from "@/components/option-list";
import { previewPasteAction, type PastePreview } from "@/lib/projects/actions";
import type { UnknownName } from "@/lib/functions/suggest";
import { PRIORITIES, type NeedRow } from "@/lib/pages/fields";

/** "setgroup (did you mean setgroups?), sorry" */
const described = (names: UnknownName[]) =>
  names
    .map((u) => `${u.name}${u.suggestions.length ? ` (did you mean ${u.suggestions.join(" or ")}?)` : ""}`)
    .join(", ");

/** "Paste from an email": extracts names, previews them as rows, and adds them only when confirmed. */
export function NeedsPaste({ projectId, onApply }: { projectId: number; onApply: (rows: NeedRow[]) => void }) {
  const [text, setText] = useState("");
  const [priority, setPriority] = useState<NeedRow["priority"]>("required");
  const [preview, setPreview] = useState<PastePreview | null>(null);
  const [pending, startTransition] = useTransition();
  const rows: NeedRow[] = (preview?.rows ?? []).map((r) => ({
    function: r.function,
    context: r.context,
    priority,
    rationale: "",
  }));
  return (
    <details className="panel" open={Boolean(text) || undefined}>
      <summary>
        <strong>Paste from an email</strong>
      </summary>
      <div className="stack" style={{ maxWidth: "48rem", marginTop: "0.6rem" }}>
        <div className="field">
          <label htmlFor="paste-text">Pasted text (prose, or one name per line)</label>
          <textarea
            id="paste-text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={
              "the only functions I absolutely need to be safe after a fork from a threaded program are " +
              "unshare, mount, syscall (for pivot_root only), …"
            }
          />
        </div>
        <div className="field">
          <label htmlFor="paste-priority">Priority for these rows</label>
          <select
            id="paste-priority"
            value={priority}
            onChange={(e) => setPriority(e.target.value as NeedRow["priority"])}
          >
            <OptionList values={PRIORITIES} />
          </select>
        </div>
        <div>
          <button
            type="button"
            className="button secondary"
            disabled={pending || !text.trim()}
            onClick={() =>
              startTransition(async () => setPreview(await previewPasteAction({ projectId, text, priority })))
            }
          >
            {pending ? "Reading…" : "Preview rows"}
          </button>
        </div>
        {preview ? (
          <div data-testid="paste-preview">
            {preview.error ? <div className="notice error">{preview.error}</div> : null}
            <DataTable label="Rows to add" columns={["Function", "Priority", "Context"]}>
              {rows.map((r) => (
                <tr key={r.function}>
                  <td className="mono">{r.function}</td>
                  <td>{r.priority}</td>
                  <td>{r.context}</td>
                </tr>
              ))}
            </DataTable>
            {preview.unknown.length ? (
              <div className="notice warn" data-testid="paste-unknown">
                Not in the catalog, not added: {described(preview.unknown)}. Add them as rows by hand if they are
                functions.
              </div>
            ) : null}
            {preview.setAside.length || preview.leftOut.length ? (
              <div className="notice" data-testid="paste-set-aside">
                {preview.setAside.length ? (
                  <p>
                    Set aside, neither catalog names nor written as calls: {described(preview.setAside)}. Write a
                    function as <code>name()</code> or one per line to take it.
                  </p>
                ) : null}
                {preview.leftOut.length ? (
                  <p>Left out as not part of the message: {preview.leftOut.join(" / ")}</p>
                ) : null}
              </div>
            ) : null}
            <button
              type="button"
              className="button"
              disabled={!rows.length}
              onClick={() => {
                onApply(rows);
                setPreview(null);
                setText("");
              }}
            >
              Add {rows.length} {rows.length === 1 ? "row" : "rows"} to the list
            </button>
          </div>
        ) : null}
      </div>
    </details>
  );
}
