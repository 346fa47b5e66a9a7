"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { ApiErrorBody } from "@/lib/server/api/schemas/common";

type Event =
  | { type: "progress"; done: number; total: number; message: string }
  | {
      type: "done";
      outcome: {
        importId: number;
        total: number;
        added: number;
        changed: number;
        removed: number;
        unchanged: number;
        undocumented: string[];
      };
    }
  | { type: "error"; message: string };

/** Uploads files to /admin/imports/run and shows the import's progress as it streams back. */
export function ImportForm() {
  const router = useRouter();
  const [events, setEvents] = useState<Event[]>([]);
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setEvents([]);
    setFailure(null);
    setRunning(true);
    try {
      const response = await fetch("/admin/imports/run", { method: "POST", body: new FormData(event.currentTarget) });
      if (!response.ok || !response.body) {
        const { error } = (await response.json().catch(() => ({}))) as Partial<ApiErrorBody>;
        const fieldMessages = Object.values(error?.fields ?? {}).flat();
        setFailure(
          fieldMessages.length
            ? fieldMessages.join(" ")
            : (error?.message ?? `The server answered ${response.status}.`),
        );
        return;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        const parsed = lines.filter(Boolean).map((line) => JSON.parse(line) as Event);
        setEvents((all) => [...all, ...parsed]);
      }
      router.refresh();
    } finally {
      setRunning(false);
    }
  }

  const last = events.at(-1);
  const progress = [...events].reverse().find((e) => e.type === "progress");
  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Import reference facts" encType="multipart/form-data">
      <div className="field">
        <label htmlFor="kind">What to import</label>
        <select id="kind" name="kind" defaultValue="glibc-manual">
          <option value="glibc-manual">
            glibc manual: all .texi files of manual/ (with macros.texi), or the TSV form
          </option>
          <option value="posix-list">POSIX async-signal-safe list: signal-safety.7, or the TSV form</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="source">Source (commit or release)</label>
        <input id="source" name="source" required placeholder="glibc 04e750e75b73957cf1c791535a3f4319534a52fc" />
      </div>
      <div className="field">
        <label htmlFor="files">Files</label>
        <input id="files" name="files" type="file" multiple required />
      </div>
      <div>
        <button type="submit" className="button" disabled={running}>
          {running ? "Importing…" : "Import"}
        </button>
      </div>
      <div aria-live="polite" data-testid="import-progress">
        {progress && progress.type === "progress" && running ? (
          <p>
            <progress max={progress.total} value={progress.done} /> {progress.message}
          </p>
        ) : null}
        {failure ? <div className="notice error">{failure}</div> : null}
        {last?.type === "error" ? <div className="notice error">{last.message}</div> : null}
        {last?.type === "done" ? (
          <div className="notice ok">
            Import #{last.outcome.importId}: {last.outcome.total} functions; {last.outcome.added} added,{" "}
            {last.outcome.changed} changed, {last.outcome.removed} removed, {last.outcome.unchanged} unchanged.
            {last.outcome.undocumented.length ? (
              <details>
                <summary>
                  {last.outcome.undocumented.length} names declared without a @safety line (not imported)
                </summary>
                <ul>
                  {last.outcome.undocumented.map((u) => (
                    <li key={u} className="mono small">
                      {u}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </div>
        ) : null}
      </div>
    </form>
  );
}
