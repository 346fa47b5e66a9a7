import type { Metadata } from "next";
import { DataTable } from "@/components/data-table";
import { DateField, FilterForm, SelectField, userOptions } from "@/components/filter-form";
import { Pagination } from "@/components/pagination";
import {
  AUDIT_PAGE_SIZE,
  auditActorLabel,
  listAudit,
  listAuditActors,
  parseAuditQuery,
  type AuditQuery,
} from "@/lib/audit/data";
import { can } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";
import { listHref } from "@/lib/server/http/search-params";

export const metadata: Metadata = { title: "Audit trail" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const ACTIONS = ["decision", "vote", "user", "rule", "reference", "token"];

const href = (base: string, query: AuditQuery, page: number) => listHref(base, { ...query, page });

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = parseAuditQuery(await searchParams);
  const [rows, actors, viewer] = await Promise.all([listAudit(query), listAuditActors(), currentActor()]);
  // The trail is public; emails are shown to admins only.
  const withEmails = can(viewer, { action: "users.manage" });
  const events = rows.slice(0, AUDIT_PAGE_SIZE);
  return (
    <>
      <div className="actions">
        <h1 style={{ marginRight: "auto" }}>Audit trail</h1>
        <a href={href("/audit.csv", { ...query, page: 1 }, 1)} className="button secondary small">
          Export as CSV
        </a>
      </div>
      <p className="muted">Every decision, vote and vote change, role grant, rule change and import.</p>
      <FilterForm action="/audit" label="Filter the audit trail">
        <SelectField label="Kind" name="action" value={query.action} anyLabel="all" options={ACTIONS} />
        <SelectField label="Who" name="actor" value={query.actor} anyLabel="anyone" options={userOptions(actors)} />
        <DateField label="From" name="since" value={query.since} />
        <DateField label="Until" name="until" value={query.until} />
      </FilterForm>
      <DataTable
        label="Audit events"
        testId="audit"
        columns={["When (UTC)", "Who", "Action", "Target", "Details"]}
        empty={query.page > 1 ? "No older events." : "No event matches these filters."}
      >
        {events.map((e) => (
          <tr key={String(e.id)}>
            <td className="small nowrap">{when.format(e.createdAt)}</td>
            <td>{auditActorLabel(e.actor, withEmails)}</td>
            <td className="mono small">{e.action}</td>
            <td className="small">
              {e.targetType} {e.targetId}
            </td>
            <td className="small mono">{JSON.stringify(e.details)}</td>
          </tr>
        ))}
      </DataTable>
      <Pagination
        previous={query.page > 1 ? href("/audit", query, query.page - 1) : null}
        next={rows.length > AUDIT_PAGE_SIZE ? href("/audit", query, query.page + 1) : null}
        previousLabel="← Newer"
        nextLabel="Older →"
      />
    </>
  );
}
