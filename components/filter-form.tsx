import type { ReactNode } from "react";

/** A plain GET form: every filter lands in the URL, so a view can be shared. */
export function FilterForm({
  action,
  label,
  role,
  children,
}: {
  action: string;
  label: string;
  role?: "search";
  children: ReactNode;
}) {
  return (
    <form className="filters" method="get" action={action} role={role} aria-label={label}>
      {children}
      <div>
        <button type="submit" className="button">
          Apply
        </button>
      </div>
    </form>
  );
}

export interface SelectOption {
  value: string | number;
  label: string;
}

/** Users as choices: chosen by id, shown by name. */
export const userOptions = (users: readonly { id: number; name: string }[]): SelectOption[] =>
  users.map((user) => ({ value: user.id, label: user.name }));

/** Projects as choices: chosen by slug, shown by name. */
export const projectOptions = (projects: readonly { slug: string; name: string }[]): SelectOption[] =>
  projects.map((project) => ({ value: project.slug, label: project.name }));

// A page has one filter form, so a field's name makes a unique id for its label.
const fieldId = (name: string) => `filter-${name}`;

/**
 * A labelled select; `anyLabel` names the leading empty choice that leaves the filter off.
 * `options` takes plain strings where the value is its own label.
 */
export function SelectField({
  label,
  name,
  value,
  anyLabel,
  options,
}: {
  label: string;
  name: string;
  value: string | number | undefined;
  anyLabel?: string;
  options: readonly (string | SelectOption)[];
}) {
  return (
    <div>
      <label htmlFor={fieldId(name)}>{label}</label>
      <select id={fieldId(name)} name={name} defaultValue={value ?? ""}>
        {anyLabel === undefined ? null : <option value="">{anyLabel}</option>}
        {options.map((option) => {
          const { value: optionValue, label: optionLabel } =
            typeof option === "string" ? { value: option, label: option } : option;
          return (
            <option key={optionValue} value={optionValue}>
              {optionLabel}
            </option>
          );
        })}
      </select>
    </div>
  );
}

/** A labelled date input, for the from/until bounds of a list. */
export function DateField({ label, name, value }: { label: string; name: string; value: string | undefined }) {
  return (
    <div>
      <label htmlFor={fieldId(name)}>{label}</label>
      <input id={fieldId(name)} name={name} type="date" defaultValue={value ?? ""} />
    </div>
  );
}
