import type { ReactNode } from "react";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { EstimateBadge, PriorityBadge } from "@/components/badges";
import { DataTable } from "@/components/data-table";
import { RevisionProse } from "@/components/revision-prose";
import type { LoadedRevision } from "@/lib/pages/history";
import type { PageKind } from "@/lib/generated/prisma/client";
import { kindOf, type KindFields } from "@/lib/pages/kinds";
import type { ExistingPage } from "@/lib/pages/refs";
import type { NeedsFields, ProposalFields } from "@/lib/pages/fields";
import { restoreRevisionAction, undoRevisionAction } from "@/lib/pages/actions";
import { PRIORITY_TO_DB } from "@/lib/projects/needs";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function ProposalFieldsView({ fields }: { fields: ProposalFields }) {
  return (
    <dl className="facts">
      <dt>Guarantee</dt>
      <dd>{fields.guarantee}</dd>
      <dt>Implementation</dt>
      <dd>
        {fields.implementationKind}
        {fields.implementationNote ? `, ${fields.implementationNote}` : ""}
      </dd>
      <dt>AS-safety estimate</dt>
      <dd>
        <EstimateBadge value={fields.asSafety} />
      </dd>
    </dl>
  );
}

function NeedsRowsView({ fields }: { fields: NeedsFields }) {
  return (
    <DataTable columns={["Function", "Priority", "Context", "Rationale"]}>
      {fields.rows.map((row) => (
        <tr key={row.function}>
          <td className="mono">{row.function}</td>
          <td>
            <PriorityBadge priority={PRIORITY_TO_DB[row.priority]} />
          </td>
          <td className="small">{row.context}</td>
          <td className="small">{row.rationale}</td>
        </tr>
      ))}
    </DataTable>
  );
}

const renderFields: { [K in PageKind]: (fields: KindFields[K]) => ReactNode } = {
  proposal: (fields) => <ProposalFieldsView fields={fields} />,
  needs: (fields) => <NeedsRowsView fields={fields} />,
};

function fieldsView<K extends PageKind>(kind: K, stored: unknown): ReactNode {
  return renderFields[kind](kindOf(kind).parseFields(stored));
}

/** A revision's permalink: its content, with restore and undo for those who may edit. */
export function RevisionView({
  page,
  revision,
  currentNumber,
  canEdit,
}: {
  page: ExistingPage;
  revision: LoadedRevision;
  currentNumber: number;
  canEdit: boolean;
}) {
  const isCurrent = revision.number === currentNumber;
  return (
    <>
      <div className={`notice ${isCurrent ? "ok" : "warn"}`}>
        Revision {revision.number} by {revision.author.name}, {when.format(revision.createdAt)} UTC
        {revision.summary ? (
          <>
            {" "}
            — <em>{revision.summary}</em>
          </>
        ) : null}
        .{" "}
        {isCurrent ? (
          "This is the current revision."
        ) : (
          <>
            This is an old revision; the <Link href={page.basePath}>current page</Link> is revision {currentNumber}.
          </>
        )}{" "}
        {revision.number > 1 ? (
          <Link href={`${page.basePath}/diff?from=${revision.number - 1}&to=${revision.number}`}>Its change</Link>
        ) : null}
      </div>
      {currentNumber > 1 ? (
        <nav className="actions small" aria-label="Neighbouring revisions">
          {revision.number > 1 ? (
            <Link href={`${page.basePath}/revisions/${revision.number - 1}`}>← Older revision</Link>
          ) : null}
          {revision.number < currentNumber ? (
            <Link href={`${page.basePath}/revisions/${revision.number + 1}`}>Newer revision →</Link>
          ) : null}
        </nav>
      ) : null}
      {fieldsView(page.kind, revision.fields)}
      {revision.text ? (
        <section className="panel" style={{ marginTop: "1rem" }}>
          <RevisionProse revision={revision} />
        </section>
      ) : null}
      {canEdit ? (
        <div className="actions" style={{ marginTop: "1rem" }}>
          {!isCurrent ? (
            <ActionForm action={restoreRevisionAction} label="Restore this revision">
              <input type="hidden" name="pageId" value={page.pageId} />
              <input type="hidden" name="number" value={revision.number} />
              <button type="submit" className="button">
                Restore this revision
              </button>
            </ActionForm>
          ) : null}
          {revision.number > 1 ? (
            <ActionForm action={undoRevisionAction} label="Undo this revision">
              <input type="hidden" name="pageId" value={page.pageId} />
              <input type="hidden" name="number" value={revision.number} />
              <button type="submit" className="button secondary">
                Undo this revision&apos;s change
              </button>
            </ActionForm>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
