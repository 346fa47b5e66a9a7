import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { openApiDocument, openApiDocumentFor } from "@/lib/server/api/openapi/document";

const API_DIR = path.join(process.cwd(), "app", "api", "v1");

/** Every route file under app/api/v1 as "METHOD /api/v1/path/{param}". */
function routeOperations(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const urlPath = `/${path.relative(path.join(process.cwd(), "app"), dir).split(path.sep).join("/")}`.replace(
          /\[([^\]]+)\]/g,
          "{$1}",
        );
        const source = readFileSync(full, "utf8");
        const methods = [
          ...source.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g),
        ].map((m) => m[1]!);
        expect(methods.length, `${full} exports no handler`).toBeGreaterThan(0);
        for (const method of methods) out.push(`${method} ${urlPath}`);
      }
    }
  };
  walk(API_DIR);
  return out.sort();
}

type Doc = { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };

describe("OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(openApiDocumentFor("https://afterfork.example")));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("documents every route handler under app/api/v1, and nothing else", () => {
    const doc = openApiDocument() as Doc;
    const documented = Object.entries(doc.paths)
      .flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    const routes = routeOperations();
    expect(routes.length).toBeGreaterThanOrEqual(11);
    expect(documented).toEqual(routes);
  });

  it("resolves every $ref to a component schema", () => {
    const doc = openApiDocument() as Doc;
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[ref.replace("#/components/schemas/", "")], ref).toBeDefined();
    }
  });

  it("takes the request bodies from the forms' schemas: needs rows and proposal fields", () => {
    const schemas = (openApiDocument() as Doc).components.schemas as Record<
      string,
      {
        properties: Record<
          string,
          {
            items?: { properties: Record<string, { enum?: string[] }> };
            properties?: Record<string, { enum?: string[] }>;
          }
        >;
      }
    >;
    expect(schemas.NeedsPut!.properties.needs!.items!.properties.priority!.enum).toEqual([
      "required",
      "convenient",
      "can-work-around",
    ]);
    expect(schemas.ProposalPut!.properties.fields!.properties!.asSafety!.enum).toEqual([
      "AS-safe",
      "AS-unsafe",
      "unknown",
    ]);
  });
});
