import type { Metadata } from "next";
import Link from "next/link";
import { openApiDocument } from "@/lib/server/api/openapi";
import { parameterType, Prose, refName, SchemaView, type JsonSchema } from "./schema-view";

export const metadata: Metadata = { title: "API" };

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

interface Response {
  description: string;
  headers?: Record<string, { description: string }>;
  content?: { "application/json": { schema: JsonSchema } };
}

interface Operation {
  operationId: string;
  summary: string;
  description: string;
  security: unknown[];
  parameters?: Parameter[];
  requestBody?: { content: { "application/json": { schema: JsonSchema } } };
  responses: Record<string, Response>;
}

interface Document {
  info: { title: string; description: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
}

const IN_WORDS: Record<string, string> = { path: "path", query: "query", header: "header" };

function Endpoint({
  method,
  path,
  op,
  schemas,
}: {
  method: string;
  path: string;
  op: Operation;
  schemas: Record<string, JsonSchema>;
}) {
  const body = op.requestBody?.content["application/json"].schema;
  const bodyName = body?.$ref ? refName(body.$ref) : null;
  return (
    <section
      className="panel api-endpoint"
      id={op.operationId}
      aria-labelledby={`${op.operationId}-title`}
      data-testid={`endpoint-${op.operationId}`}
    >
      <h3 id={`${op.operationId}-title`}>
        <span className={`api-method api-method-${method}`}>{method.toUpperCase()}</span> <code>{path}</code>
      </h3>
      <p>
        <strong>{op.summary}.</strong> <Prose text={op.description} />{" "}
        {op.security.length ? (
          <span className="badge priority-required">token required</span>
        ) : (
          <span className="badge unknown">public</span>
        )}
      </p>
      {op.parameters?.length ? (
        <table className="data" aria-label={`Parameters of ${method.toUpperCase()} ${path}`}>
          <thead>
            <tr>
              <th scope="col">Parameter</th>
              <th scope="col">In</th>
              <th scope="col">Type</th>
              <th scope="col">Meaning</th>
            </tr>
          </thead>
          <tbody>
            {op.parameters.map((p) => (
              <tr key={`${p.in}-${p.name}`}>
                <td>
                  <code>{p.name}</code>
                  {p.required ? <span className="api-required"> required</span> : null}
                </td>
                <td>{IN_WORDS[p.in] ?? p.in}</td>
                <td className="small">{parameterType(p.schema)}</td>
                <td className="small">{p.description ? <Prose text={p.description} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {body ? (
        <>
          <h4>
            Request body (JSON
            {bodyName ? (
              <>
                , <a href={`#schema-${bodyName}`}>{bodyName}</a>
              </>
            ) : null}
            )
          </h4>
          <SchemaView schema={bodyName ? (schemas[bodyName] ?? body) : body} />
        </>
      ) : null}
      <h4>Responses</h4>
      <dl className="api-responses">
        {Object.entries(op.responses).map(([status, r]) => {
          const schema = r.content?.["application/json"].schema;
          return (
            <div key={status}>
              <dt>
                <code>{status}</code>
              </dt>
              <dd>
                <Prose text={r.description} />
                {schema?.$ref ? (
                  <>
                    {" "}
                    → <a href={`#schema-${refName(schema.$ref)}`}>{refName(schema.$ref)}</a>
                  </>
                ) : null}
                {r.headers ? (
                  <span className="small muted">
                    {" "}
                    Headers:{" "}
                    {Object.entries(r.headers)
                      .map(([name, h]) => `${name} (${h.description})`)
                      .join("; ")}
                  </span>
                ) : null}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

export default function ApiDocsPage() {
  const doc = openApiDocument() as unknown as Document;
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  return (
    <>
      <h1>API</h1>
      <p className="lead">
        <Prose text={doc.info.description} />
      </p>
      <p>
        The machine-readable description is{" "}
        <a href="/openapi.json">
          <code>/openapi.json</code>
        </a>{" "}
        (OpenAPI 3.1); this page is generated from it. Create a token at{" "}
        <Link href="/settings/tokens">Settings → API tokens</Link>.
      </p>

      <section className="panel" aria-labelledby="quick-start">
        <h2 id="quick-start">Quick start</h2>
        <p className="small">
          Read a function, then send your project&apos;s needs list from CI. Each change is a new revision in the
          page&apos;s history, exactly as if it was made in the editor.
        </p>
        <pre>{`curl -s $SITE/api/v1/functions/setgroups

# The current revision id is the ETag; send it back as If-Match.
curl -s -D - $SITE/api/v1/projects/systemd/needs -o needs.json

curl -s -X PUT $SITE/api/v1/projects/systemd/needs \\
  -H "Authorization: Bearer $AFTERFORK_TOKEN" \\
  -H 'If-Match: "42"' -H 'Content-Type: application/json' \\
  -d '{"needs":[{"function":"setgroups","priority":"required","context":"exec_child"}],"summary":"regenerated by CI"}'`}</pre>
        <p className="small">
          Or use the command-line client from a checkout:{" "}
          <code>AFTERFORK_URL=$SITE AFTERFORK_TOKEN=… npm run afterfork -- needs push systemd needs.json</code> (it
          fetches the If-Match itself). Other commands: <code>needs pull &lt;slug&gt;</code>,{" "}
          <code>functions get &lt;name&gt;</code>, <code>export</code>.
        </p>
        <h3>Rules</h3>
        <ul className="small">
          <li>
            Writes: <code>Authorization: Bearer &lt;token&gt;</code>. The token acts with its owner&apos;s role; it
            stops working when revoked or when the account is disabled. The API never reads session cookies.
          </li>
          <li>
            Changing a page needs <code>If-Match</code> with the revision your change is based on (omit it only for a
            page&apos;s first revision). A stale base merges with what was saved since when the changes do not overlap (
            <code>merged: true</code>); otherwise the answer is 409 and nothing is written. Sending what is already
            there writes nothing (200, <code>unchanged: true</code>).
          </li>
          <li>
            Errors answer <code>{`{ "error": { "code", "message", "fields"? } }`}</code> with 400, 401, 403, 404, 409,
            412, 413 or 429; nothing is written on any error.
          </li>
          <li>
            Lists are ordered and paged with an opaque <code>cursor</code>: pass the <code>nextCursor</code> of the
            previous page.
          </li>
        </ul>
      </section>

      <h2 id="endpoints">Endpoints</h2>
      <ul className="api-toc">
        {operations.map(({ path, method, op }) => (
          <li key={op.operationId}>
            <a href={`#${op.operationId}`}>
              <span className={`api-method api-method-${method}`}>{method.toUpperCase()}</span> <code>{path}</code>
            </a>{" "}
            <span className="small muted">{op.summary}</span>
          </li>
        ))}
      </ul>
      {operations.map(({ path, method, op }) => (
        <Endpoint key={op.operationId} method={method} path={path} op={op} schemas={doc.components.schemas} />
      ))}

      <h2 id="schemas">Schemas</h2>
      {Object.entries(doc.components.schemas).map(([name, schema]) => (
        <section className="panel" key={name} id={`schema-${name}`} aria-labelledby={`schema-${name}-title`}>
          <h3 id={`schema-${name}-title`}>
            <code>{name}</code>
          </h3>
          <SchemaView schema={schema} />
        </section>
      ))}
    </>
  );
}
