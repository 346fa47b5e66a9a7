import { FilterForm, projectOptions, SelectField, type SelectOption } from "@/components/filter-form";
import type { Facets } from "@/lib/functions/catalog";
import type { CatalogQuery } from "@/lib/functions/schema";
import { STATUS_NAMES } from "@/lib/functions/status";
import { AS_SAFETY_ESTIMATES, PRIORITIES } from "@/lib/pages/fields";
import { EVIDENCE_KINDS } from "@/lib/evidence/agreement";
import { evidenceKindLabel } from "@/lib/evidence/describe";
import { REACH_FILTERS, reachFilterLabel, type ReachFilter } from "@/lib/reachability/filters";

/** The facets offered as selects; "disagrees" is a checkbox. */
type SelectFacet = Exclude<keyof Facets, "disagrees">;

/** The catalog's filters, each choice with the number of functions it would leave. */
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
  // One select per facet, named as its query parameter, each choice with the number of functions it would leave.
  const facet = (name: SelectFacet, label: string, choices: readonly SelectOption[], anyLabel = "any") => (
    <SelectField
      label={label}
      name={name}
      value={query[name]}
      anyLabel={anyLabel}
      options={choices.map(({ value, label }) => ({ value, label: `${label}${count(name, String(value))}` }))}
    />
  );
  const named = (values: readonly string[], label: (value: string) => string = (value) => value) =>
    values.map((value) => ({ value, label: label(value) }));
  return (
    <FilterForm action="/functions" role="search" label="Filter functions">
      <div>
        <label htmlFor="f-q">Name</label>
        <input id="f-q" name="q" type="search" defaultValue={query.q ?? ""} placeholder="e.g. set" />
      </div>
      {facet("status", "Status", named(STATUS_NAMES))}
      {facet("as", "glibc AS-safety", [
        { value: "safe", label: "AS-Safe" },
        { value: "unsafe", label: "AS-Unsafe" },
        { value: "undocumented", label: "not documented" },
      ])}
      {facet(
        "posix",
        "POSIX async-signal-safe",
        named(["listed", "removed", "not-listed"], (v) => v.replace("-", " ")),
      )}
      {facet("project", "Needed by", projectOptions(projects), "any project or none")}
      {facet("priority", "Priority", named(PRIORITIES))}
      {facet("kind", "glibc source", [
        ...named(EVIDENCE_KINDS, evidenceKindLabel),
        { value: "none", label: "no evidence imported" },
      ])}
      {facet("estimate", "Maintainers' AS-safety estimate", [
        ...named(AS_SAFETY_ESTIMATES),
        { value: "none", label: "no estimate yet" },
      ])}
      {facet(
        "reach",
        "What the child runs",
        named(REACH_FILTERS, (v) => reachFilterLabel(v as ReachFilter)),
      )}
      <div className="filter-check">
        <input id="f-disagrees" name="disagrees" type="checkbox" value="1" defaultChecked={query.disagrees === "1"} />
        <label htmlFor="f-disagrees">estimate disagrees with evidence{count("disagrees", "1")}</label>
      </div>
      <SelectField
        label="Sort by"
        name="sort"
        value={query.sort}
        options={[
          { value: "name", label: "name" },
          { value: "needed", label: "projects that need it" },
          { value: "changed", label: "last change" },
        ]}
      />
    </FilterForm>
  );
}
