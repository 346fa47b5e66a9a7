import type { ReactNode } from "react";

// Renders the JSON Schemas of the OpenAPI document as nested lists for the
// /api docs page: types, required fields, allowed values and limits.

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  additionalProperties?: boolean | JsonSchema;
};

/** Text with `code spans` (as the descriptions write them) rendered as code. */
export function Prose({ text }: { text: string }) {
  return <>{text.split(/`([^`]+)`/).map((part, i) => (i % 2 ? <code key={i}>{part}</code> : part))}</>;
}

export function refName(ref: string): string {
  return ref.replace("#/components/schemas/", "");
}

function variants(schema: JsonSchema): JsonSchema[] | null {
  return schema.anyOf ?? schema.oneOf ?? null;
}

/** "string or null", "array of Revision", "integer" … */
function typeWords(schema: JsonSchema): ReactNode {
  if (schema.$ref) return <a href={`#schema-${refName(schema.$ref)}`}>{refName(schema.$ref)}</a>;
  if (schema.const !== undefined) return <code>{JSON.stringify(schema.const)}</code>;
  const options = variants(schema);
  if (options) {
    const plain = options.filter((o) => o.type !== "null");
    const nullable = plain.length < options.length;
    if (plain.length === 1)
      return (
        <>
          {typeWords(plain[0]!)}
          {nullable ? " or null" : ""}
        </>
      );
    return <>one of the forms below{nullable ? ", or null" : ""}</>;
  }
  if (schema.type === "array") return <>array of {schema.items ? typeWords(schema.items) : "anything"}</>;
  if (Array.isArray(schema.type)) return schema.type.join(" or ");
  if (schema.type === "object" && schema.additionalProperties && typeof schema.additionalProperties === "object") {
    return <>map of string to {typeWords(schema.additionalProperties)}</>;
  }
  return schema.type ?? "any value";
}

/** Limits and allowed values in words. */
function constraints(schema: JsonSchema): string[] {
  const out: string[] = [];
  const target = schema.type === "array" && schema.items && !schema.items.$ref ? schema.items : schema;
  if (target.enum) out.push(`one of ${target.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  if (target.format) out.push(target.format);
  else if (target.pattern) out.push(`matches ${target.pattern}`);
  if (target.minLength !== undefined && target.minLength > 0)
    out.push(`at least ${target.minLength} character${target.minLength === 1 ? "" : "s"}`);
  if (target.maxLength !== undefined) out.push(`at most ${target.maxLength.toLocaleString("en")} characters`);
  if (target.minimum !== undefined) out.push(`≥ ${target.minimum}`);
  if (target.exclusiveMinimum !== undefined) out.push(`> ${target.exclusiveMinimum}`);
  if (target.maximum !== undefined && target.maximum < Number.MAX_SAFE_INTEGER) out.push(`≤ ${target.maximum}`);
  if (schema.maxItems !== undefined) out.push(`at most ${schema.maxItems.toLocaleString("en")} items`);
  if (schema.default !== undefined) out.push(`default ${JSON.stringify(schema.default)}`);
  return out;
}

/** The object (or the variants) a schema's children are listed from, if any. */
function children(schema: JsonSchema): ReactNode {
  if (schema.$ref) return null;
  const options = variants(schema);
  if (options) {
    const plain = options.filter((o) => o.type !== "null");
    if (plain.length === 1) return children(plain[0]!);
    return (
      <ol className="api-variants">
        {plain.map((option, i) => (
          <li key={i}>
            {typeWords(option)}
            {children(option)}
          </li>
        ))}
      </ol>
    );
  }
  if (schema.type === "array" && schema.items) return children(schema.items);
  if (schema.type === "object" && schema.properties) return <Properties schema={schema} />;
  return null;
}

function Properties({ schema }: { schema: JsonSchema }) {
  const required = new Set(schema.required ?? []);
  return (
    <ul className="api-schema">
      {Object.entries(schema.properties ?? {}).map(([name, property]) => {
        const limits = constraints(property);
        return (
          <li key={name}>
            <code className="api-prop">{name}</code> <span className="api-type">{typeWords(property)}</span>
            {required.has(name) ? (
              <span className="api-required"> required</span>
            ) : (
              <span className="muted small"> optional</span>
            )}
            {limits.length ? <span className="small muted"> · {limits.join("; ")}</span> : null}
            {property.description ? (
              <div className="small">
                <Prose text={property.description} />
              </div>
            ) : null}
            {children(property)}
          </li>
        );
      })}
    </ul>
  );
}

/** A schema: its type, its description and its fields. */
export function SchemaView({ schema }: { schema: JsonSchema }) {
  const limits = constraints(schema);
  return (
    <div className="api-schema-root">
      <span className="api-type">{typeWords(schema)}</span>
      {limits.length ? <span className="small muted"> · {limits.join("; ")}</span> : null}
      {schema.description && !schema.$ref ? (
        <div className="small">
          <Prose text={schema.description} />
        </div>
      ) : null}
      {children(schema)}
    </div>
  );
}

export function parameterType(schema: JsonSchema): ReactNode {
  const limits = constraints(schema);
  return (
    <>
      {typeWords(schema)}
      {limits.length ? <span className="small muted"> · {limits.join("; ")}</span> : null}
    </>
  );
}
