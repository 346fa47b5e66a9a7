import type { Metadata } from "next";
import { CopyButton } from "@/components/copy-button";
import { DEFAULT_INTRO } from "@/lib/export/markdown";
import { exportMarkdown } from "@/lib/export/data";
import { publicOrigin } from "@/lib/server/http/public-origin";
import { exportSearch, INTRO_MAX, parseExportQuery } from "@/lib/export/schema";

export const metadata: Metadata = { title: "Export for libc-help" };

export default async function ExportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const parsed = parseExportQuery(await searchParams);
  const query = parsed.ok
    ? parsed.query
    : { underReview: false, group: "status" as const, notes: true, intro: undefined };
  const text = parsed.ok ? await exportMarkdown(query, publicOrigin()) : null;
  const search = exportSearch(query);
  return (
    <>
      <h1>Export for libc-help</h1>
      <p className="lead">
        The agreed list as a post for the libc-help mailing list: plain text wrapped at 72 columns that also reads as
        Markdown, with the text the maintainers agreed under each function. Only agreed revisions are included; changes
        that are not yet reviewed never appear in the agreed section.
      </p>
      <form className="panel export-options" method="get" action="/export" aria-label="Export options">
        <div className="field">
          <label className="check">
            <input type="checkbox" name="underReview" value="1" defaultChecked={query.underReview} /> Include proposals
            under review (marked as NOT agreed)
          </label>
        </div>
        <div className="field">
          <label className="check">
            <input type="checkbox" name="notes" value="0" defaultChecked={!query.notes} /> Leave out each
            function&apos;s text (only the facts and the permalink)
          </label>
        </div>
        <div className="field">
          <label htmlFor="export-group">Group</label>
          <select id="export-group" name="group" defaultValue={query.group}>
            <option value="status">by status (agreed, under review, not guaranteed)</option>
            <option value="project">by project, within each status</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="export-intro">Introduction</label>
          <textarea
            id="export-intro"
            name="intro"
            maxLength={INTRO_MAX}
            defaultValue={query.intro ?? ""}
            placeholder={DEFAULT_INTRO}
            rows={5}
          />
          <p className="hint">Leave empty for the default shown in grey. A blank line starts a new paragraph.</p>
        </div>
        <div>
          <button type="submit" className="button">
            Update preview
          </button>
        </div>
      </form>
      {parsed.ok ? null : (
        <div className="notice error" role="alert">
          {parsed.error}
        </div>
      )}
      {text !== null ? (
        <section aria-labelledby="preview-heading">
          <div className="actions">
            <h2 id="preview-heading" style={{ marginRight: "auto" }}>
              Preview
            </h2>
            <CopyButton targetId="export-text" />
            <a className="button secondary" href={`/export.md${search}`} download="afterfork-agreed.md">
              Download .md
            </a>
            <a className="small" href={`/export.md${search}`}>
              Open as text
            </a>
          </div>
          <pre id="export-text" className="export-preview" data-testid="export-preview">
            {text}
          </pre>
        </section>
      ) : null}
    </>
  );
}
