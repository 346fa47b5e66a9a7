import type { Metadata } from "next";
import Link from "next/link";
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

export const metadata: Metadata = { title: "Audit trail" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const ACTIONS = ["decision", "vote", "user", "rule", "reference", "token"];

function href(base: string, query: AuditQuery, page: number) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, page }))
    if (v !== undefined && !(k === "page" && v === 1)) params.set(k, String(v));
  const s = params.toString();
  return s ? `${base}?${s}` : base;
}

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
      <form className="filters" method="get" action="/audit" aria-label="Filter the audit trail">
        <div>
          <label htmlFor="a-action">Kind</label>
          <select id="a-action" name="action" defaultValue={query.action ?? ""}>
            <option value="">all</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="a-actor">Who</label>
          <select id="a-actor" name="actor" defaultValue={query.actor ?? ""}>
            <option value="">anyone</option>
            {actors.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="a-since">From</label>
          <input id="a-since" name="since" type="date" defaultValue={query.since ?? ""} />
        </div>
        <div>
          <label htmlFor="a-until">Until</label>
          <input id="a-until" name="until" type="date" defaultValue={query.until ?? ""} />
        </div>
        <div>
          <button type="submit" className="button">
            Apply
          </button>
        </div>
      </form>
      <table className="data" aria-label="Audit events" data-testid="audit">
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
      <nav className="pagination" aria-label="Pages">
        {query.page > 1 ? <Link href={href("/audit", query, query.page - 1)}>← Newer</Link> : null}
        {rows.length > AUDIT_PAGE_SIZE ? <Link href={href("/audit", query, query.page + 1)}>Older →</Link> : null}
      </nav>
    </>
  );
}
