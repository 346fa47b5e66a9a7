import type { Facets } from "@/lib/functions/catalog";
import type { CatalogQuery } from "@/lib/functions/schema";
import { STATUS_NAMES } from "@/lib/functions/status";
import { PRIORITIES } from "@/lib/pages/fields";
import { EVIDENCE_KINDS } from "@/lib/evidence/agreement";
import { evidenceKindLabel } from "@/lib/evidence/describe";

/** A plain GET form: every filter lands in the URL, so a view can be shared. */
export function CatalogFilters({
  query,
  projects,
  facets,
}: {
  query: CatalogQuery;
  projects: { slug: string; name: string }[];
  facets: Facets;
}) {
  const count = (facet: keyof Facets, key: string) => ` (${(facets[facet][key] ?? 0).toLocaleString("en")})`;
  return (
    <form className="filters" method="get" action="/functions" role="search" aria-label="Filter functions">
      <div>
        <label htmlFor="f-q">Name</label>
        <input id="f-q" name="q" type="search" defaultValue={query.q ?? ""} placeholder="e.g. set" />
      </div>
      <div>
        <label htmlFor="f-status">Status</label>
        <select id="f-status" name="status" defaultValue={query.status ?? ""}>
          <option value="">any</option>
          {STATUS_NAMES.map((s) => (
            <option key={s} value={s}>
              {s}
              {count("status", s)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-as">glibc AS-safety</label>
        <select id="f-as" name="as" defaultValue={query.as ?? ""}>
          <option value="">any</option>
          <option value="safe">AS-Safe{count("as", "safe")}</option>
          <option value="unsafe">AS-Unsafe{count("as", "unsafe")}</option>
          <option value="undocumented">not documented{count("as", "undocumented")}</option>
        </select>
      </div>
      <div>
        <label htmlFor="f-posix">POSIX async-signal-safe</label>
        <select id="f-posix" name="posix" defaultValue={query.posix ?? ""}>
          <option value="">any</option>
          <option value="listed">listed{count("posix", "listed")}</option>
          <option value="removed">removed{count("posix", "removed")}</option>
          <option value="not-listed">not listed{count("posix", "not-listed")}</option>
        </select>
      </div>
      <div>
        <label htmlFor="f-project">Needed by</label>
        <select id="f-project" name="project" defaultValue={query.project ?? ""}>
          <option value="">any project or none</option>
          {projects.map((p) => (
            <option key={p.slug} value={p.slug}>
              {p.name}
              {count("project", p.slug)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-priority">Priority</label>
        <select id="f-priority" name="priority" defaultValue={query.priority ?? ""}>
          <option value="">any</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {p}
              {count("priority", p)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-kind">glibc source</label>
        <select id="f-kind" name="kind" defaultValue={query.kind ?? ""}>
          <option value="">any</option>
          {EVIDENCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {evidenceKindLabel(k)}
              {count("kind", k)}
            </option>
          ))}
          <option value="none">no evidence imported{count("kind", "none")}</option>
        </select>
      </div>
      <div className="filter-check">
        <input id="f-disagrees" name="disagrees" type="checkbox" value="1" defaultChecked={query.disagrees === "1"} />
        <label htmlFor="f-disagrees">estimate disagrees with evidence{count("disagrees", "1")}</label>
      </div>
      <div>
        <label htmlFor="f-sort">Sort by</label>
        <select id="f-sort" name="sort" defaultValue={query.sort}>
          <option value="name">name</option>
          <option value="needed">projects that need it</option>
          <option value="changed">last change</option>
        </select>
      </div>
      <div>
        <button type="submit" className="button">
          Apply
        </button>
      </div>
    </form>
  );
}
